// QR view sizes in millimetres and addresses broken where a reader expects: pure functions, unit-tested.
#include "ui/qr_layout.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

QrModuleRange qr_module_range(int modules, float px_per_mm, float room)
{
    modules = std::max(modules, 1);
    int module_least = std::max(1, int(std::ceil(qr_module_least_mm * px_per_mm - 0.001f)));
    int square_least = int(std::ceil(qr_least_mm * px_per_mm / float(modules) - 0.001f));
    int square_most = int(std::floor(qr_most_mm * px_per_mm / float(modules) + 0.001f));
    QrModuleRange range;
    auto fits = [&](int quiet) { return std::max(1, int(std::floor(room / float(modules + 2 * quiet)))); };
    range.quiet = 2;
    for (int quiet = qr_quiet_zone; quiet > 2; --quiet) {
        if (fits(quiet) >= module_least) {
            range.quiet = quiet;
            break;
        }
    }
    range.most = std::min(fits(range.quiet), std::max(module_least, square_most));
    range.least = std::min(range.most, std::max(module_least, square_least));
    return range;
}

std::string display_address(std::string_view url)
{
    for (std::string_view scheme : {"https://", "http://", "mailto:", "tel:"}) {
        if (url.substr(0, scheme.size()) == scheme) {
            url.remove_prefix(scheme.size());
            break;
        }
    }
    if (!url.empty() && url.back() == '/')
        url.remove_suffix(1);
    return std::string(url);
}

namespace {

bool breaks_after(char ch)
{
    return ch == '/' || ch == '.' || ch == '?' || ch == '&' || ch == '-';
}

bool strong_break(char ch)
{
    return ch == '/' || ch == '?' || ch == '&';
}

// The end of the longest line from `begin` that fits `width`, at a character boundary; at least one character.
std::size_t longest_fit(
    std::string_view text, std::size_t begin, float width, const std::function<float(std::string_view)>& measure)
{
    auto next_char = [&](std::size_t at) {
        ++at;
        while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
            ++at;
        return at;
    };
    std::size_t end = next_char(begin);
    // Longer addresses than a line are rare and lines are short: grow a character at a time.
    for (std::size_t longer = end; longer < text.size();) {
        longer = next_char(longer);
        if (measure(text.substr(begin, longer - begin)) > width)
            break;
        end = longer;
    }
    return end;
}

} // namespace

std::string break_address(
    std::string_view address, float width, const std::function<float(std::string_view)>& measure, int max_lines)
{
    std::string out;
    std::size_t begin = 0;
    int lines = 0;
    while (begin < address.size()) {
        if (++lines >= max_lines || measure(address.substr(begin)) <= width) {
            out.append(address.substr(begin));
            break;
        }
        std::size_t fit = longest_fit(address, begin, width, measure);
        // The last break that fits: a '/', '?' or '&' when it fills half the line, else any.
        std::size_t any = 0, strong = 0;
        for (std::size_t i = begin; i < fit; ++i) {
            if (breaks_after(address[i])) {
                any = i + 1;
                if (strong_break(address[i]))
                    strong = i + 1;
            }
        }
        std::size_t cut = fit;
        float full = measure(address.substr(begin, fit - begin));
        if (strong > begin && measure(address.substr(begin, strong - begin)) >= full * 0.5f)
            cut = strong;
        else if (any > begin)
            cut = any;
        out.append(address.substr(begin, cut - begin));
        out.push_back('\n');
        begin = cut;
    }
    return out;
}

} // namespace kiosk::ui
