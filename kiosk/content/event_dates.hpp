// The dates of events.csv: the day/month order settled once for the whole file, and each cell's problem as a
// message staff can act on.
#pragma once

#include "content/diagnostic.hpp"
#include "content/sheet.hpp"
#include "content/sheet_dates.hpp"

#include <optional>
#include <string>

namespace kiosk {

class EventDates {
public:
    // Looks at the start and end of every row. When `configured` (bundle.toml's date_order) is unsettled, the file
    // settles it: one error when nothing does, or when rows disagree.
    EventDates(const CsvTable& table, const Columns& columns, const std::string& file, DateOrder configured,
        Diagnostics& diagnostics);

    // The start or end ("start", "end") written `text` in `row`; nothing, with an error, when it cannot be used
    // (no error of its own when the file's error already covers it).
    std::optional<CellTime> read(const CsvRow& row, const std::string& what, const std::string& text) const;

    DateOrder order() const { return m_order; }

private:
    // The first value on each side, for the message when rows disagree.
    struct Sample {
        int line = 0;
        std::string text;
    };
    void settle(const CsvTable& table, const Columns& columns);
    static Reason sample_text(const Sample& sample, DateOrder order);

    std::string m_file;
    Diagnostics& m_diagnostics;
    DateOrder m_configured;
    DateOrder m_order;
};

} // namespace kiosk
