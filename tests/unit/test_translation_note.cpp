// Untranslated items: which language a text shows in, language tags matched to the bundle's, and the note a visitor
// reads ("(en inglés)").
#include "content/text.hpp"
#include "ui/translation_note.hpp"

#include <doctest/doctest.h>

using namespace kiosk;
using namespace kiosk::ui;

namespace {

Text text(std::initializer_list<std::pair<const char*, const char*>> by_language)
{
    Text t;
    for (const auto& [language, words] : by_language)
        t.set(language, words);
    return t;
}

const Strings& strings()
{
    static const Strings loaded = [] {
        Diagnostics d;
        return Strings::load(KIOSK_SOURCE_DIR "/assets/strings", d);
    }();
    return loaded;
}

} // namespace

TEST_CASE("translation note: a language tag means the bundle's language, whatever its region or case")
{
    std::vector<std::string> languages {"en", "es", "pt-BR"};
    CHECK(match_language("es", languages) == "es");
    CHECK(match_language("ES", languages) == "es");
    CHECK(match_language("es-MX", languages) == "es");
    CHECK(match_language("en_US", languages) == "en");
    CHECK(match_language("pt-br", languages) == "pt-BR");
    CHECK(match_language("pt", languages) == "pt-BR");
    CHECK(match_language("pt-PT", languages) == "pt-BR");
    CHECK_FALSE(match_language("fr", languages));
    CHECK_FALSE(match_language("", languages));
    CHECK_FALSE(match_language("e", languages));
}

TEST_CASE("translation note: the language a text shows in is the one Text::in picks")
{
    CHECK(text({{"en", "Call"}, {"es", "Llamada"}}).language_shown("es", "en") == "es");
    CHECK(text({{"en", "Call"}}).language_shown("es", "en") == "en");
    CHECK(text({{"", "Call"}}).language_shown("es", "en") == "en"); // Given without a language: the default's.
    CHECK(text({{"", "Call"}}).language_shown("en", "en") == "en");
    CHECK(text({{"es", "Llamada"}}).language_shown("en", "en") == "es");          // Only a translation: it stands in.
    CHECK(text({{"en", "Call"}, {"es", ""}}).language_shown("es", "en") == "en"); // An empty translation is none.
    CHECK(text({}).language_shown("es", "en").empty());
    CHECK(text({{"en", ""}}).language_shown("es", "en").empty());
}

TEST_CASE("translation note: an item shown in another language than the visitor's says which")
{
    Text english = text({{"en", "Union call"}});
    Text both = text({{"en", "Union call"}, {"es", "Llamada"}});
    Text plain = Text("Union call"); // A CSV column without a language suffix.
    CHECK(translation_note(english, "es", "en", strings()) == "(en inglés)");
    CHECK(translation_note(plain, "es", "en", strings()) == "(en inglés)");
    CHECK(translation_note(both, "es", "en", strings()).empty());
    CHECK(translation_note(english, "en", "en", strings()).empty());
    // A Spanish bundle read by an English visitor.
    CHECK(translation_note(text({{"es", "Llamada"}}), "en", "es", strings()) == "(in Spanish)");
    // An item with words in the visitor's language somewhere is not labelled: a union's name is often not translated.
    Text description = text({{"es", "Un sindicato nacional."}, {"en", "A national union."}});
    CHECK(translation_note({&english, &description}, "es", "en", strings()).empty());
    Text english_description = text({{"en", "A national union."}});
    CHECK(translation_note({&english, &english_description}, "es", "en", strings()) == "(en inglés)");
    // Nothing to read: nothing to say.
    Text empty;
    CHECK(translation_note({&empty, &empty}, "es", "en", strings()).empty());
    // A language the strings have no name for.
    CHECK(translation_note(text({{"fr", "Réunion"}}), "es", "fr", strings()) == "(sin traducir)");
}

TEST_CASE("translation note: a page's note is a sentence")
{
    CHECK(language_note("en", "es", strings(), NoteForm::Page) == "Esta página está en inglés.");
    CHECK(language_note("es", "en", strings(), NoteForm::Page) == "This page is in Spanish.");
    CHECK(language_note("fr", "en", strings(), NoteForm::Page) == "This page is not translated.");
    CHECK(language_note("es", "es", strings(), NoteForm::Page).empty());
    CHECK(language_note("", "es", strings(), NoteForm::Page).empty());
}

TEST_CASE("translation note: a control's label carries the note")
{
    CHECK(with_note("Union call", "(en inglés)") == "Union call (en inglés)");
    CHECK(with_note("Llamada", "") == "Llamada");
}
