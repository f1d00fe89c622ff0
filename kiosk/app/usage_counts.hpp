// The anonymous per-day counts of what was opened: kept in memory, written to the store every hour and at exit.
// Nothing else about a visit is kept anywhere.
#pragma once

#include "store/store.hpp"

#include <map>
#include <memory>
#include <string>
#include <utility>

namespace kiosk {

class UsageCounts {
public:
    // `database` "" turns counting off (a previewed folder, a screenshot). The store is opened on the first flush, on
    // the UI thread, and kept.
    explicit UsageCounts(std::string database);

    void add(const std::string& day, const std::string& path) { ++m_pending[{day, path}]; }
    // Writes what was counted; kept for the next try when the store cannot take it (a full disk must not cost the
    // day's counts).
    void flush();

private:
    std::string m_database;
    std::unique_ptr<store::Store> m_store;
    std::map<std::pair<std::string, std::string>, int> m_pending;
};

} // namespace kiosk
