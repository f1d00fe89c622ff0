// Reading the kiosk's --json output in tests, with nlohmann-json (a parser the kiosk's own code does not stand in for).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace kiosk::test {

// The first line of `output` as JSON (null when it is not JSON).
inline nlohmann::json json_of(const std::string& output)
{
    return nlohmann::json::parse(output.substr(0, output.find('\n')), nullptr, false);
}

// The value of the first "key" found depth-first in the first line of `output`: a string as it is, anything else as
// JSON text ("true", "3", "null"); "" when there is no such key.
inline std::string json_value(const std::string& output, const std::string& key)
{
    auto find = [&key](const nlohmann::json& node, auto& self) -> const nlohmann::json* {
        if (node.is_object()) {
            if (auto it = node.find(key); it != node.end())
                return &*it;
        }
        if (node.is_structured()) {
            for (const nlohmann::json& child : node) {
                if (const nlohmann::json* found = self(child, self))
                    return found;
            }
        }
        return nullptr;
    };
    nlohmann::json json = json_of(output);
    const nlohmann::json* found = json.is_discarded() ? nullptr : find(json, find);
    if (!found)
        return {};
    return found->is_string() ? found->get<std::string>() : found->dump();
}

} // namespace kiosk::test
