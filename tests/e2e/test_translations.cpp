// Calendars in two languages and untranslated items, on the real kiosk in Spanish: the demo's agenda shows the
// Spanish titles its calendars give (SUMMARY;LANGUAGE=es and union-calls.es.ics), and an item with no Spanish carries
// "(en inglés)". Read from the controls' labels, as a script sees them.
#include "support/process.hpp"
#include "support/screen_dump.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using namespace kiosk::test;

namespace {

const std::string demo = KIOSK_SOURCE_DIR "/data/demo";

// The labels of the controls on screen after `open` shows, one a line ("control: X0 Y0 X1 Y1 LABEL" with the
// coordinates left out).
std::string labels(const std::string& bundle, const std::string& open, const std::string& language,
    const std::string& size = "1280x800", const std::string& now = "2026-12-01T10:00")
{
    TempDir dir;
    std::string script = dir.write("labels.script", "wait 300\ncontrols\n");
    RunResult r = run_kiosk({"--windowed", "--size", size, "--bundle", bundle, "--now", now, "--lang", language,
        "--open", open, "--script", script});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::string out;
    for (const Box& box : parse_controls(r.out))
        out += box.words + "\n";
    return out;
}

bool has_line(const std::string& lines, const std::string& line)
{
    return ("\n" + lines).find("\n" + line + "\n") != std::string::npos;
}

} // namespace

TEST_CASE("the demo's agenda in Spanish shows its calendars' Spanish titles, and labels the event without one")
{
    // A portrait screen holds the first days' events on its first screen.
    std::string spanish = labels(demo, "events", "es", "1080x1920");
    INFO(spanish);
    CHECK(has_line(spanish, "Llamada nacional del sindicato (ejemplo)")); // From calendars/union-calls.es.ics.
    CHECK(has_line(spanish, "Reunión abierta entre pares (ejemplo)"));    // events.csv's title.es, as before.
    CHECK(has_line(spanish, "Chapter organizing call (example) (en inglés)"));
    // Two days later the naloxone training, on the 5th, is on the first screen too.
    std::string later = labels(demo, "events", "es", "1280x800", "2026-12-03T10:00");
    INFO(later);
    CHECK(has_line(later, "Taller de naloxona (ejemplo)")); // SUMMARY;LANGUAGE=es.
    // In the default language nothing is labelled.
    std::string english = labels(demo, "events", "en", "1080x1920");
    INFO(english);
    CHECK(has_line(english, "National union call (example)"));
    CHECK(has_line(english, "Chapter organizing call (example)"));
    CHECK(english.find("(en inglés)") == std::string::npos);
    CHECK(english.find("(in ") == std::string::npos);
}

TEST_CASE("a card with no Spanish carries \"(en inglés)\" for a Spanish visitor, and a translated one does not")
{
    TempDir dir;
    dir.write("bundle.toml",
        "name = { en = \"Center\", es = \"Centro\" }\nlanguages = [\"en\", \"es\"]\n"
        "[[sections]]\nid = \"links\"\nkind = \"cards\"\nsource = \"links.csv\"\n"
        "title = { en = \"Links\", es = \"Enlaces\" }\n");
    dir.write("links.csv",
        "id,title,description,url,title.es,description.es\n"
        "support,Peer support,Ways to reach other people who use drugs.,https://example.org/support,Apoyo entre pares,"
        "Formas de encontrar a otras personas que usan drogas.\n"
        "podcast,Drug user unions podcast,A series about how unions organized.,https://example.org/podcast,,\n");
    std::string spanish = labels(dir.path(), "links", "es", "800x480");
    INFO(spanish);
    CHECK(has_line(spanish, "Apoyo entre pares"));
    CHECK(has_line(spanish, "Drug user unions podcast (en inglés)"));
    std::string english = labels(dir.path(), "links", "en", "800x480");
    INFO(english);
    CHECK(has_line(english, "Drug user unions podcast"));
}
