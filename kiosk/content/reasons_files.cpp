// The English templates of the problems the checker finds in files: see content/reason_tables.hpp.
#include "content/reason_tables.hpp"

namespace kiosk {

const ReasonTable& file_reasons()
{
    static const ReasonTable all = {};
    return all;
}

} // namespace kiosk
