// ImportReport to and from JSON with nlohmann-json, so the child and its parent share one typed value.
#include "sync/import_report.hpp"

#include "content/text_util.hpp"

#include <array>
#include <utility>

namespace kiosk::sync {

namespace {

constexpr std::array<std::pair<Outcome, const char*>, 11> outcome_names {{
    {Outcome::Imported, "imported"},
    {Outcome::Unchanged, "unchanged"},
    {Outcome::Pending, "pending"},
    {Outcome::RefusedSignature, "refused_signature"},
    {Outcome::RefusedVersion, "refused_version"},
    {Outcome::RefusedLimits, "refused_limits"},
    {Outcome::SetAside, "set_aside"},
    {Outcome::Busy, "busy"},
    {Outcome::Invalid, "invalid"},
    {Outcome::Unreadable, "unreadable"},
    {Outcome::Failed, "failed"},
}};

std::size_t json_count(const nlohmann::json& counts, const char* key)
{
    auto it = counts.find(key);
    return it != counts.end() && it->is_number_unsigned() ? it->get<std::size_t>() : 0;
}

bool bool_of(const nlohmann::json& object, const char* key)
{
    auto it = object.find(key);
    return it != object.end() && it->is_boolean() && it->get<bool>();
}

std::string string_of(const nlohmann::json& object, const char* key)
{
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

const char* outcome_name(Outcome outcome)
{
    for (const auto& [value, name] : outcome_names) {
        if (value == outcome)
            return name;
    }
    return "failed";
}

std::optional<Outcome> outcome_from_name(std::string_view name)
{
    for (const auto& [value, text] : outcome_names) {
        if (name == text)
            return value;
    }
    return std::nullopt;
}

const char* result_word(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Imported:
        return "imported";
    case Outcome::Unchanged:
        return "unchanged";
    case Outcome::Pending:
        return "pending";
    case Outcome::RefusedSignature:
    case Outcome::RefusedVersion:
    case Outcome::SetAside:
    case Outcome::Busy:
    case Outcome::Invalid:
        return "refused";
    case Outcome::RefusedLimits:
    case Outcome::Unreadable:
    case Outcome::Failed:
        return "failed";
    }
    return "failed";
}

bool is_transient(Outcome outcome)
{
    return std::string_view(result_word(outcome)) == "failed";
}

bool is_failure(Outcome outcome)
{
    return outcome != Outcome::Imported && outcome != Outcome::Unchanged && outcome != Outcome::Pending;
}

std::string ImportReport::problems_text() const
{
    std::string text;
    for (const Diagnostic& d : diagnostics)
        text += d.to_string() + "\n";
    return text;
}

nlohmann::json counts_json(const BundleCounts& counts)
{
    return {{"pages", counts.pages}, {"cards", counts.cards}, {"events", counts.events},
        {"occurrences", counts.occurrences}, {"images", counts.images}};
}

nlohmann::json diagnostics_json(const std::vector<Diagnostic>& diagnostics)
{
    nlohmann::json list = nlohmann::json::array();
    for (const Diagnostic& d : diagnostics) {
        list.push_back({{"file", d.file}, {"line", d.line}, {"severity", severity_name(d.severity)},
            {"fatal", d.severity == Severity::Fatal}, {"message", d.message}, {"reason", reason_json(d.reason)}});
    }
    return list;
}

nlohmann::json reason_json(const Reason& reason)
{
    nlohmann::json parts = nlohmann::json::array();
    for (const Reason::Part& part : reason.parts) {
        nlohmann::json args = nlohmann::json::array(); // Pairs, in their order.
        for (const auto& [name, value] : part.args)
            args.push_back({name, value});
        parts.push_back({{"key", part.key}, {"args", args}, {"text", part.text}});
    }
    return parts;
}

Reason reason_from_json(const nlohmann::json& json)
{
    Reason reason;
    if (!json.is_array())
        return reason;
    for (const nlohmann::json& item : json) {
        if (!item.is_object())
            continue;
        Reason::Part part {string_of(item, "key"), {}, string_of(item, "text")};
        if (auto args = item.find("args"); args != item.end() && args->is_array())
            for (const nlohmann::json& pair : *args)
                if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string())
                    part.args.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
        reason.parts.push_back(std::move(part));
    }
    return reason;
}

Reason reason_from_text(std::string_view text)
{
    return text.empty() ? Reason {} : reason_from_json(nlohmann::json::parse(text, nullptr, false));
}

std::string json_line(const nlohmann::json& value)
{
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json to_json(const ImportReport& report)
{
    // "why" is a refusal or a wait, "error" a failure; the booleans are kept for readers written before "outcome".
    bool failure = report.outcome == Outcome::Failed || report.outcome == Outcome::Unreadable;
    std::string message = report.reason.text();
    return {{"outcome", outcome_name(report.outcome)}, {"imported", report.outcome == Outcome::Imported},
        {"unchanged", report.outcome == Outcome::Unchanged}, {"pending", report.outcome == Outcome::Pending},
        {"signed", report.is_signed}, {"version", report.version}, {"importable", report.importable},
        {"why", failure ? "" : message}, {"error", failure ? message : ""}, {"reason", reason_json(report.reason)},
        {"counts", counts_json(report.counts)}, {"report", report.problems_text()},
        {"diagnostics", diagnostics_json(report.diagnostics)}};
}

std::optional<ImportReport> report_from_json(std::string_view text, std::string& error)
{
    nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        error = "the answer is not JSON";
        return std::nullopt;
    }
    auto outcome = outcome_from_name(string_of(json, "outcome"));
    if (!outcome) {
        error = "the answer has no known outcome";
        return std::nullopt;
    }
    ImportReport report;
    report.outcome = *outcome;
    report.is_signed = bool_of(json, "signed");
    report.importable = bool_of(json, "importable");
    report.version = string_of(json, "version");
    if (auto reason = json.find("reason"); reason != json.end())
        report.reason = reason_from_json(*reason);
    std::string message = string_of(json, "why");
    if (message.empty())
        message = string_of(json, "error");
    if (report.reason.text() != message) // Written by a kiosk without reasons, or changed: the words win.
        report.reason = message.empty() ? Reason {} : Reason::plain(message);
    if (auto counts = json.find("counts"); counts != json.end() && counts->is_object()) {
        report.counts = {json_count(*counts, "pages"), json_count(*counts, "cards"), json_count(*counts, "events"),
            json_count(*counts, "occurrences"), json_count(*counts, "images")};
    }
    if (auto list = json.find("diagnostics"); list != json.end() && list->is_array()) {
        for (const nlohmann::json& item : *list) {
            if (!item.is_object())
                continue;
            Diagnostic d;
            d.file = string_of(item, "file");
            auto line = item.find("line");
            d.line = line != item.end() && line->is_number_integer() ? line->get<int>() : 0;
            d.severity = bool_of(item, "fatal")            ? Severity::Fatal
                : string_of(item, "severity") == "warning" ? Severity::Warning
                                                           : Severity::Error;
            d.message = string_of(item, "message");
            if (auto reason = item.find("reason"); reason != item.end())
                d.reason = reason_from_json(*reason);
            if (escape_controls(d.reason.text())
                != d.message) // From a kiosk before reasons, or changed: the words win.
                d.reason = {};
            report.diagnostics.push_back(std::move(d));
        }
    }
    return report;
}

} // namespace kiosk::sync
