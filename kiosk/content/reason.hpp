// Why something happened to a bundle, said so that staff can read it in the kiosk's language: each part is a key of
// the reasons' English templates (reason_templates) with the values it names, kept apart until it is said. The sync
// log, the CLI and `--json` say it in English (text()); the staff screen and kiosk-report.txt look each key up in the
// strings files ("reason_" + key) and fall back to the English for a part they do not know.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk {

struct Reason {
    using Args = std::vector<std::pair<std::string, std::string>>;
    struct Part {
        std::string key;  // A key of reason_templates, or "" for words only said in English (an error of the system).
        Args args;        // "{version}" in the template is the value named "version". Shown as they are.
        std::string text; // In English, filled in.
        bool operator==(const Part&) const = default;
    };
    std::vector<Part> parts;

    // The template `key` filled with `args`. A key reason_templates does not hold is said as the key itself (a unit
    // test keeps every key used in the sources in the table).
    static Reason said(std::string_view key, Args args = {});
    // Words with no template: the system's own (strerror, SQLite), said as they are in every language.
    static Reason plain(std::string text);

    Reason& operator+=(const Reason& more);
    friend Reason operator+(Reason a, const Reason& b) { return a += b; }
    bool empty() const { return parts.empty(); }
    bool operator==(const Reason&) const = default;

    // In English, as the sync log and the CLI say it.
    std::string text() const;
    // In another language: `template_for(key)` gives that language's template, or nullopt to keep the English.
    std::string text(const std::function<std::optional<std::string>(const std::string& key)>& template_for) const;
};

// Every reason's key and English template, in the order of the strings files' "reason_" keys.
const std::vector<std::pair<std::string_view, std::string_view>>& reason_templates();
// `pattern` with each "{name}" replaced by the value of that name in `args`, in one pass: a value that itself holds
// "{...}" (a folder's name from a stick) is never filled in again. An unknown name is left as it is.
std::string fill_in(std::string_view pattern, const Reason::Args& args);

} // namespace kiosk
