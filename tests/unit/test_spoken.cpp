// What read aloud says (issue 19): every kind of screen of the demo bundle, in English and Spanish, in the order a
// listener needs it; hostile text cleaned and bounded.
#include "content/bundle_reader.hpp"
#include "content/snapshot.hpp"
#include "ui/spoken.hpp"

#include <doctest/doctest.h>

using namespace kiosk;
using Lines = std::vector<std::string>;

namespace {

const ui::Strings& strings()
{
    static const ui::Strings loaded = [] {
        Diagnostics diagnostics;
        return ui::Strings::load(KIOSK_SOURCE_DIR "/assets/strings", diagnostics);
    }();
    return loaded;
}

const TimeZone& new_york()
{
    static const TimeZone zone = *TimeZone::named("America/New_York");
    return zone;
}

// The demo bundle on Wednesday, December 2, 2026, at 10:00 in New York.
SnapshotPtr demo()
{
    static const SnapshotPtr snapshot = [] {
        Diagnostics diagnostics;
        auto bundle = read_bundle(KIOSK_SOURCE_DIR "/data/demo", diagnostics);
        REQUIRE(bundle);
        WallTime now = new_york().to_wall(*parse_local_time("2026-12-02T10:00"));
        return make_snapshot(std::make_shared<const Bundle>(std::move(*bundle)), nullptr, now, new_york(), now);
    }();
    return snapshot;
}

Lines said(const std::string& path, const std::string& language, const SnapshotPtr& content = demo())
{
    WallTime now = new_york().to_wall(*parse_local_time("2026-12-02T10:00"));
    std::string error;
    auto lines = ui::spoken_text({*content, strings(), language, new_york(), now}, path, error);
    REQUIRE_MESSAGE(lines, error);
    return *lines;
}

// The first `n` lines said.
Lines first(const Lines& lines, std::size_t n)
{
    return Lines(lines.begin(), lines.begin() + std::ptrdiff_t(std::min(n, lines.size())));
}

} // namespace

TEST_CASE("spoken: home says the center's name, the urgent band, then each tile's title")
{
    CHECK(said("home", "en")
        == Lines {"Eastside Drop-in", "Overdose? Get help now", "What is a drug user union?",
            "What it can mean for you", "Find a union", "Events", "Resources to take with you", "A short history",
            "Get involved"});
    CHECK(said("home", "es")
        == Lines {"Centro Ístsaid", "¿Sobredosis? Busca ayuda ya", "¿Qué es un sindicato de usuarios?",
            "Lo que puede significar para ti", "Encuentra un sindicato", "Eventos", "Recursos para llevar",
            "Un poco de historia", "Participa"});
}

TEST_CASE("spoken: a page says its title, then its Markdown as words: headings, paragraphs, list items, no markup")
{
    // The page's first heading repeats the title in English: said once, as the screen shows it once.
    Lines english = said("about", "en");
    CHECK(first(english, 9)
        == Lines {"What is a drug user union?",
            "A drug user union is a group of people who use drugs who stick together. Some members use now. Some used "
            "in the past.",
            "You know your own life and your own community. Often, people on the outside do not. A union starts from "
            "that idea: the people who use drugs are the experts.",
            "Why people join",
            "Unions come together for three big reasons:", "Connection. Find people who get it, without judgment.",
            "Protection. Look out for each other and stay alive.",
            "Change. Push back on rules and systems that punish people who use drugs.", "How it works"});
    CHECK(english.back() == "Want to find one? Tap Find a union on the home screen.");
    // In Spanish the page's heading differs from the tile's title: both are on the screen, both are said.
    Lines spanish = said("about", "es");
    CHECK(first(spanish, 4)
        == Lines {"¿Qué es un sindicato de usuarios?", "¿Qué es un sindicato de usuarios de drogas?",
            "Un sindicato de usuarios es un grupo de personas que usan drogas y que se apoyan entre sí. Algunas "
            "personas usan ahora. Otras usaron antes.",
            "Tú conoces tu vida y tu comunidad. Muchas veces, la gente de afuera no las conoce. Un sindicato parte de "
            "esa idea: las personas que usan drogas son las que más saben."});
    CHECK(spanish.back() == "¿Quieres encontrar uno? Toca Encuentra un sindicato en la pantalla de inicio.");
    for (const Lines& lines : {english, spanish}) {
        for (const std::string& line : lines) {
            CAPTURE(line);
            CHECK(line.find_first_of("*#[]()_`") == std::string::npos);
        }
    }
}

TEST_CASE("spoken: the urgent page says its title, its actions, then its steps numbered, links by their words")
{
    Lines english = said("urgent", "en");
    CHECK(first(english, 7)
        == Lines {"Overdose? Get help now", "Call 911", "Naloxone is free at the front desk: ask any staff member",
            "Tell staff now",
            "Signs of an opioid overdose: the person will not wake up, breathing is slow or stopped, lips or "
            "fingertips "
            "look blue or gray, pupils are tiny.",
            "What to do",
            "1. Try to wake them. Shout their name. Rub your knuckles hard on the middle of their chest."});
    CHECK(english[english.size() - 4] == "Other help, day or night");
    CHECK(english[english.size() - 2]
        == "Never Use Alone: call 1-800-484-3731 before you use. Someone stays on the line. If you stop answering, "
           "they "
           "send help to where you are. neverusealone.com");
    Lines spanish = said("urgent", "es");
    CHECK(first(spanish, 7)
        == Lines {"¿Sobredosis? Busca ayuda ya", "Llama al 911",
            "La naloxona es gratis en la recepción: pídela al personal", "Avisa al personal ya",
            "Señales de una sobredosis de opioides: la persona no despierta, respira muy lento o no respira, tiene los "
            "labios o las uñas azules o grises, las pupilas muy pequeñas.",
            "Qué hacer",
            "1. Intenta despertarla. Grita su nombre. Frota fuerte con los nudillos el centro de su pecho."});
    CHECK(spanish.back() == "Estos números funcionan en Estados Unidos.");
}

TEST_CASE("spoken: a card list says its title, then each card's title and description")
{
    Lines english = said("unions", "en");
    REQUIRE(english.size() == 10);
    CHECK(first(english, 2)
        == Lines {"Find a union",
            "National Urban Survivors Union (NUSU). A national union of people who use drugs now or used in the past, "
            "with local chapters led by members. It fights for drug users' rights, and anyone who is interested can "
            "join its calls every two weeks."});
    CHECK(english.back()
        == "Rotterdam Junkie Union (RJB). One of the first drug user unions in the world, started in 1977 in "
           "Rotterdam. "
           "It is part of history now, but its fight for the health and rights of drug users lives on.");
    Lines spanish = said("resources", "es");
    CHECK(first(spanish, 2)
        == Lines {"Recursos para llevar",
            "Lista de sindicatos de usuarios. Una lista de sindicatos de todo el mundo, hecha por NCUSU. Encuentra un "
            "grupo en línea o en persona, o ideas para crear el tuyo. (En inglés)"});
}

TEST_CASE("spoken: the agenda says each day ahead, then each event's time, title and place")
{
    Lines english = said("events", "en");
    CHECK(first(english, 7)
        == Lines {"Events", "Today, Wednesday, December 2",
            "7:00 PM to 8:00 PM. National union call (example). Online or by phone", "Tomorrow, Thursday, December 3",
            "7:00 PM to 8:00 PM. Chapter organizing call (example). Online or by phone", "Saturday, December 5",
            "11:00 AM to 12:30 PM. Naloxone training (example). Front room"});
    Lines spanish = said("events", "es");
    // An event without a translation is said in English, and says so, as its row on the screen does.
    CHECK(first(spanish, 7)
        == Lines {"Eventos", "Hoy, miércoles, 2 de diciembre",
            "de 19:00 a 20:00. Llamada nacional del sindicato (ejemplo). En línea o por teléfono",
            "Mañana, jueves, 3 de diciembre",
            "de 19:00 a 20:00. Chapter organizing call (example) (en inglés). Online or by phone",
            "Sábado, 5 de diciembre", "de 11:00 a 12:30. Taller de naloxona (ejemplo). Sala de la entrada"});
}

TEST_CASE("spoken: an event says its title, day, time, place and description")
{
    CHECK(said("events/drop-in-2026-12-08@2026-12-08", "en")
        == Lines {"Peer drop-in meeting (example)", "Tuesday, December 8", "6:00 PM to 7:30 PM",
            "Place: Community room",
            "Come talk with other people who use drugs, or just listen. Coffee and snacks. No sign-up needed."});
    CHECK(said("events/drop-in-2026-12-08@2026-12-08", "es")
        == Lines {"Reunión abierta entre pares (ejemplo)", "Martes, 8 de diciembre", "de 18:00 a 19:30",
            "Lugar: Sala comunitaria",
            "Ven a hablar con otras personas que usan drogas, o solo a escuchar. Hay café y algo de comer. No hace "
            "falta inscribirse."});
}

TEST_CASE("spoken: a QR view says its words, to scan the code and the address, and a card without a link its words")
{
    const std::string nusu_en = "A national union of people who use drugs now or used in the past, with local chapters "
                                "led by members. It fights for drug users' rights, and anyone who is interested can "
                                "join its calls every two weeks.";
    CHECK(said("unions/nusu", "en")
        == Lines {"National Urban Survivors Union (NUSU)", nusu_en,
            "Scan the code on the screen with your phone camera.", "nurbansurvivorunion.org/national-usu"});
    Lines spanish = said("unions/nusu", "es");
    REQUIRE(spanish.size() == 4);
    CHECK(spanish[2] == "Escanea el código de la pantalla con la cámara de tu teléfono.");
    CHECK(spanish[3] == "nurbansurvivorunion.org/national-usu");
    // A link in a page: its words, then the code.
    CHECK(said("urgent/link-1", "en")
        == Lines {"988lifeline.org", "Scan the code on the screen with your phone camera.", "988lifeline.org"});
    CHECK(said("urgent/link-1", "es")
        == Lines {
            "988lifeline.org", "Escanea el código de la pantalla con la cámara de tu teléfono.", "988lifeline.org"});
    // An event with a link is its QR view: its details, then the code.
    Lines call = said("events/national-union-call-20261118-demo-drop-in-kiosk-invalid@2026-12-16", "en");
    REQUIRE(call.size() >= 6);
    CHECK(first(call, 4)
        == Lines {"National union call (example)", "Wednesday, December 16", "7:00 PM to 8:00 PM",
            "Place: Online or by phone"});
    CHECK(call[call.size() - 2] == "Scan the code on the screen with your phone camera.");
    CHECK(call.back() == "nurbansurvivorunion.org/national-usu");
    // A card without a link: its title and whole description, no code.
    CHECK(said("unions/rotterdam-junkie-union", "es")
        == Lines {"Rotterdam Junkie Union (RJB)",
            "Uno de los primeros sindicatos de usuarios de drogas del mundo, creado en 1977 en Róterdam. Hoy es parte "
            "de "
            "la historia, pero su lucha por la salud y los derechos de los usuarios sigue viva."});
}

TEST_CASE("spoken: a path the content does not have is refused with the reason")
{
    WallTime now = new_york().to_wall(*parse_local_time("2026-12-02T10:00"));
    std::string error;
    CHECK_FALSE(ui::spoken_text({*demo(), strings(), "en", new_york(), now}, "unions/nobody", error));
    CHECK(error.find("unions/nobody") != std::string::npos);
}

TEST_CASE("spoken: hostile text is cleaned of control and invisible characters and bounded")
{
    Bundle bundle;
    bundle.info.name = Text("Drop\x01-in\x1B[31m \xE2\x80\xAEname\n\tsecond line\xFF");
    bundle.info.languages = {"en"};
    Section section;
    section.id = "cards";
    section.kind = SectionKind::Cards;
    section.title = Text("Cards");
    section.source = "cards.csv";
    bundle.info.sections.push_back(section);
    std::vector<Card> cards;
    for (int i = 0; i < 40; ++i) {
        Card card;
        card.id = "card-" + std::to_string(i);
        card.title = Text("Card " + std::to_string(i));
        card.description = Text(std::string(100000, 'a') + " end");
        card.url = "https://example.org/\x07path/";
        cards.push_back(card);
    }
    bundle.card_lists["cards.csv"] = cards;
    WallTime now = new_york().to_wall(*parse_local_time("2026-12-02T10:00"));
    auto content = make_snapshot(std::make_shared<const Bundle>(std::move(bundle)), nullptr, now, new_york());

    Lines home = said("home", "en", content);
    REQUIRE(home.size() == 2);
    CHECK(home[0] == "Drop-in[31m name second line\xEF\xBF\xBD");
    CHECK(home[1] == "Cards");

    Lines list = said("cards", "en", content);
    std::size_t total = 0;
    for (const std::string& line : list) {
        CHECK(line.size() <= ui::max_utterance_bytes);
        total += line.size();
    }
    CHECK(total <= ui::max_spoken_bytes);
    CHECK(list.size() > 5); // Bounded, not empty: the first cards are read.
    CHECK(list[1].rfind("Card 0. aaa", 0) == 0);

    Lines qr = said("cards/card-3", "en", content);
    CHECK(qr.back() == "example.org/path");
}

TEST_CASE("spoken: every utterance is said with the content's pronunciations of the visitor's language")
{
    // The demo's Spanish voice would read the English "Eastside" as Spanish: its bundle.toml says how to say it.
    CHECK(said("home", "es")[0] == "Centro Ístsaid");
    CHECK(said("home", "en")[0] == "Eastside Drop-in");

    Bundle bundle;
    bundle.info.name.set("en", "NUSU center");
    bundle.info.name.set("es", "Centro NUSU");
    bundle.info.languages = {"en", "es"};
    Section section;
    section.id = "chapters";
    section.kind = SectionKind::Cards;
    section.title = Text("NUSU chapters"); // No Spanish: a Spanish visitor hears it with the Spanish words.
    section.source = "chapters.csv";
    bundle.info.sections.push_back(section);
    Card card;
    card.id = "calls";
    card.title = Text("NUSU");
    card.description = Text("NUSU's calls are open to all.  NUSUX and Nusu are other words.");
    card.url = "https://example.org/nusu";
    Card long_card;
    long_card.id = "long";
    long_card.title = Text("Long");
    for (int i = 0; i < 400; ++i)
        long_card.description.set("", long_card.description.in("", "") + "NUSU ");
    bundle.card_lists["chapters.csv"] = {card, long_card};
    bundle.info.pronounce["en"] = {{"NUSU", "new  soo"}, {"Long", std::string(200, 'o')}};
    bundle.info.pronounce["es"] = {{"NUSU", "nu-su"}};
    WallTime now = new_york().to_wall(*parse_local_time("2026-12-02T10:00"));
    auto content = make_snapshot(std::make_shared<const Bundle>(std::move(bundle)), nullptr, now, new_york());

    // Said-as texts are cleaned like any text: the run of spaces is one.
    CHECK(said("home", "en", content) == Lines {"new soo center", "new soo chapters"});
    CHECK(said("home", "es", content) == Lines {"Centro nu-su", "nu-su chapters"});
    CHECK(said("chapters/calls", "en", content)
        == Lines {"new soo", "new soo's calls are open to all. NUSUX and Nusu are other words.",
            "Scan the code on the screen with your phone camera.", "example.org/nusu"});
    Lines spanish = said("chapters/calls", "es", content);
    REQUIRE(spanish.size() == 5);
    CHECK(spanish[0] == "nu-su");
    CHECK(spanish[1] == "(en inglés)"); // The card is in English only.
    CHECK(spanish[2] == "nu-su's calls are open to all. NUSUX and Nusu are other words.");
    // A language without pronunciations says the words as written.
    CHECK(said("home", "fr", content) == Lines {"NUSU center", "NUSU chapters"});
    // A text made longer stays within the bounds of an utterance and of a screen.
    Lines list = said("chapters", "en", content);
    std::size_t total = 0;
    for (const std::string& line : list) {
        CHECK(line.size() <= ui::max_utterance_bytes);
        total += line.size();
    }
    CHECK(total <= ui::max_spoken_bytes);
    REQUIRE(list.size() == 3);
    CHECK(list[2].rfind(std::string(200, 'o') + ". new soo new soo", 0) == 0);
}
