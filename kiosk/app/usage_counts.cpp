// UsageCounts: the day's counts, written in one transaction.
#include "app/usage_counts.hpp"

#include <iostream>
#include <tuple>
#include <vector>

namespace kiosk {

UsageCounts::UsageCounts(std::string database)
    : m_database(std::move(database))
{ }

void UsageCounts::flush()
{
    if (m_pending.empty() || m_database.empty())
        return;
    std::vector<std::tuple<std::string, std::string, int>> rows;
    for (const auto& [key, n] : m_pending)
        rows.emplace_back(key.first, key.second, n);
    std::string error;
    if (!m_store)
        m_store = store::Store::open(m_database, error);
    if (m_store && m_store->add_counts(rows)) {
        m_pending.clear();
        return;
    }
    std::cerr << "kiosk: cannot save the usage counts (" << (m_store ? m_store->last_error() : error)
              << "): trying again in an hour\n";
}

} // namespace kiosk
