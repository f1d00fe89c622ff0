// Reasons as keys, values and English: the English templates live here, the other languages in the strings files.
#include "content/reason.hpp"

#include "content/reason_tables.hpp"

namespace kiosk {

// Stays one function, however long: one entry a line, each a template staff read; a table, not logic. Split, it would
// only scatter what a translator compares line by line with the strings files.
const ReasonTable& sync_reasons()
{
    // Keep each one a whole clause that reads well after "NOT IMPORTED:" and in the sync log. A unit test keeps
    // assets/strings/en.toml's "reason_" keys equal to these, and every other language's set the same.
    static const ReasonTable all = {
        // A problem's line ("file:line: error: ..."): the severity's word.
        {"severity_error", "error"},
        {"severity_warning", "warning"},
        // Signatures (a bundle a staff member must apply, or the feed refuses).
        {"not_signed", "it is not signed (it has no MANIFEST)"},
        {"no_manifest", "it has no MANIFEST: it was not packed with kiosk pack"},
        {"signature_damaged", "its MANIFEST.sig is missing or damaged: pack it again with kiosk pack"},
        {"untrusted_key", "it is not signed by a key this kiosk trusts, or its MANIFEST was changed after signing"},
        {"no_trusted_key", "this kiosk trusts no key yet (trusted_keys in its settings)"},
        {"no_usable_key", "this kiosk has no trusted key it can use (trusted_keys in its settings)"},
        {"signed_with", " (it says it was signed with {key})"},
        {"keys_unusable", "; the kiosk could not use {problems}"},
        {"file_missing", "{file} is missing"},
        {"file_added", "{file} is not in the MANIFEST: it was added after packing"},
        {"file_changed", "{file} was changed after packing"},
        // `kiosk check` on a packed folder (sync/check_report.cpp): each after "MANIFEST:line: error: ".
        {"pack_cannot_compare", "the files cannot be compared with the MANIFEST: {error}"},
        {"pack_added", "{file} was added after packing (the MANIFEST does not list it)"},
        {"pack_removed", "{file} was removed after packing (this line lists it)"},
        {"pack_again", ": run kiosk pack again"},
        {"waits_for_staff", ": it waits for staff to apply it with the PIN"},
        // The import's decisions.
        {"signed_with_errors", "it is signed, but has errors: fix them and pack it again"},
        {"cannot_be_used", "the bundle cannot be used: fix the errors listed below"},
        {"already_showing", "this content is already showing"},
        {"now_showing", "now showing version {version}"},
        {"newer_arrived_while_waiting",
            "a newer signed version ({version}, from {source}) arrived after this bundle started waiting; applying it "
            "would replace that version with older content"},
        // Versions (store/versions.cpp).
        {"version_not_packed",
            "the signed bundle's version \"{version}\" is not one kiosk pack writes (its UTC time, YYYYMMDDHHMMSS): "
            "pack it again"},
        {"version_far_ahead",
            "this bundle's version {version} is dated more than a year after the kiosk's clock: check the clock of the "
            "computer that packed it (and this kiosk's), then pack it again"},
        {"version_older",
            "this bundle's version {version} is older than version {last}, which the kiosk already took: old content "
            "is not taken back"},
        {"version_same_files_differ",
            "this bundle has the same version {version} as content the kiosk took before, but its files differ: pack "
            "it again to give it a new version"},
        {"version_rolled_back",
            "staff rolled back from version {pinned}: only a version newer than it is taken, and this is {version}"},
        // Copying from a stick (sync/staging.cpp).
        {"copy_unreadable", "{file} cannot be read (was the stick pulled out?)"},
        {"copy_link", "{file} is a link to somewhere else: a bundle holds only plain files and folders"},
        {"copy_folder_too_deep",
            "{file} is a folder too deep inside the bundle (pages/, images/ and calendars/ hold files only)"},
        {"copy_too_many_folders", "the bundle has more than {n} folders"},
        {"copy_not_plain_file", "{file} is not a plain file (a device, pipe or socket)"},
        {"copy_file_too_large", "{file} is {size} MiB: no file of a bundle may be over {limit} MiB"},
        {"copy_too_many_files", "the bundle has more than {n} files"},
        {"copy_too_large", "the bundle is larger than {limit} MiB"},
        {"copy_cut_short", "{file} could not be read to the end (was the stick pulled out?)"},
        {"copy_grew", "{file} grew while it was read"},
        {"copy_short", "{file} was cut short while it was read (was the stick pulled out?)"},
        {"copy_disk_full", "{file} cannot be copied to the kiosk's disk (is it full?)"},
        {"copy_disk_error", "{file} cannot be copied to the kiosk's disk: {error}"},
        {"copy_not_written", "{file} cannot be written to the kiosk's disk"},
        {"copy_stick_changed", "the stick changed while it was read (was it pulled out?): nothing was taken from it"},
        // A stick (sync/usb.cpp).
        {"stick_too_deep",
            "a bundle was found too deep on this stick, at {found}: move that folder to the top of the stick "
            "({moved}); the kiosk looks for bundle.toml only at the top of a stick and one folder down, and took "
            "nothing"},
        {"stick_too_deep_more", " ({n} more bundle folders too deep on it: one bundle per stick)"},
        {"stick_too_deep_one_more", " (1 more bundle folder too deep on it: one bundle per stick)"},
        {"already_waits", "this bundle already waits for staff to apply it"},
        {"two_wait",
            "two bundles already wait for staff ({first}, arrived {first_arrived}; {second}, arrived "
            "{second_arrived}): staff must apply or ignore one on the staff screen before another can wait"},
        {"no_copy_for_staff", " (the kiosk could not keep a copy for staff)"},
        {"another_waits", " (another bundle waits too: staff see both and choose)"},
        {"set_aside",
            "this bundle stopped the kiosk before (its checker, or the kiosk as it started with it); it is not tried "
            "again until it changes"},
        {"over_limits",
            "it needs more work than the kiosk allows (it was stopped after {seconds} s): too many large pictures, or "
            "too much content; make the pictures smaller or fewer"},
        {"tried_when_limits_change", "; it is tried again when it changes, or when a kiosk update changes the limits"},
        {"not_tried_again", "; it is not tried again until it changes"},
        {"older_than_taken", "it is an older version ({version}) than the last signed version accepted ({floor})"},
        {"waited_before",
            "this bundle waited for staff, and a newer signed version arrived since: it does not wait again (change "
            "it, and it will)"},
        {"no_report", " (no report on the stick: "},
        {"stick_read_only", "the stick is read-only"},
        {"stick_full", "the report could not be written to the stick (is it full?)"},
        {"other_folder", " (1 other bundle folder on this stick not read: one bundle per stick)"},
        {"other_folders", " ({n} other bundle folders on this stick not read: one bundle per stick)"},
        // The feed (sync/feed.cpp).
        {"feed_out_of_time",
            "the feed took more than {seconds} s in all to send this update (a slow or stalled server): it is tried "
            "again later"},
        {"feed_not_changed", " (the feed has not changed since)"},
        {"feed_nothing_new", "nothing new on the feed"},
        {"feed_no_key",
            "this kiosk trusts no key yet (trusted_keys in its settings), so it takes nothing from the feed"},
        {"feed_untrusted",
            "the feed's MANIFEST is not signed by a key this kiosk trusts, or was changed after signing"},
        {"feed_too_many_files", "the feed's MANIFEST lists more than {n} files"},
        {"feed_file_mismatch",
            "{file} on the feed does not match its MANIFEST (changed after packing, or the server is half updated): "
            "the kiosk tries again later"},
        {"feed_disk_full", "the kiosk's disk cannot take {file} (is it full?)"},
        {"feed_cannot_be_used", "the feed's bundle cannot be used: "},
        {"feed_already_showing", "the feed's version {version} is already showing"},
        // A download (sync/http.cpp): the feed's and the calendars'.
        {"http_name_not_found",
            "the feed's server name in {url} cannot be found (is the network up? is the address right?)"},
        {"http_cannot_connect", "the feed server cannot be reached at {url} (is it up? is the network up?)"},
        {"http_timed_out", "the feed server took longer than {time} to send {url}"},
        {"http_cut_short", "the download of {url} was cut short"},
        {"http_redirect_loop", "the feed server redirects {url} too many times (a redirect loop?)"},
        {"http_certificate",
            "the HTTPS certificate of {url} is not trusted (self-signed or expired?): the kiosk only takes content "
            "over "
            "verified HTTPS"},
        {"http_secure_connection", "a secure connection to {url} cannot be made"},
        {"http_not_web_address", "{url} is not an http:// or https:// address"},
        {"http_too_large", "{url} is larger than the limit of {limit}"},
        {"http_not_kept", "the download of {url} could not be kept"},
        {"http_failed", "the download of {url} failed: {error}"},
        {"http_not_found", "{url} is not on the feed server (HTTP 404): is the address right?"},
        {"http_server_failed",
            "the feed server failed on {url} (HTTP {status}): it is the server's problem; the kiosk tries again later"},
        {"http_refused", "the feed server refused {url} (HTTP {status})"},
        // A calendar fetched by URL (sync/calendars.cpp).
        {"calendar_events_kept", "; the events fetched before stay"},
        {"calendar_not_changed", "the calendar has not changed"},
        {"calendar_set_aside",
            "the calendar at {url} is the one set aside after the kiosk crashed on it as it started; it is taken again "
            "once it changes"},
        {"calendar_cannot_be_used", "the calendar at {url} cannot be used"},
        {"calendar_check_crashed", " (checking it {failure})"},
        {"calendar_not_stored", "the calendar could not be stored: {error}"},
        {"calendar_one_event", "1 event from the calendar"},
        {"calendar_events", "{n} events from the calendar"},
        // A waiting bundle that goes (sync/pending.cpp).
        {"dropped", "the bundle waiting for staff since {arrived} was dropped: "},
        {"showing_version", "this content is already showing (version {version})"},
        {"signed_arrived_since",
            "a signed version ({version}, from {source}) arrived after it started waiting, so it is older than what "
            "the kiosk took since"},
        {"stick_holds_another", "the stick now holds another bundle"},
        {"stick_not_whole", "the stick was read again and could not be copied whole ({why})"},
    };
    return all;
}

const std::vector<std::pair<std::string_view, std::string_view>>& reason_templates()
{
    static const ReasonTable all = [] {
        ReasonTable joined;
        for (const ReasonTable* table :
            {&sync_reasons(), &bundle_reasons(), &file_reasons(), &sheet_reasons(), &calendar_reasons()})
            joined.insert(joined.end(), table->begin(), table->end());
        return joined;
    }();
    return all;
}

std::string fill_in(std::string_view pattern, const Reason::Args& args)
{
    std::string out;
    out.reserve(pattern.size());
    for (std::size_t i = 0; i < pattern.size();) {
        std::size_t open = pattern.find('{', i);
        std::size_t close = open == std::string_view::npos ? open : pattern.find('}', open);
        if (close == std::string_view::npos) {
            out.append(pattern.substr(i));
            break;
        }
        out.append(pattern.substr(i, open - i));
        std::string_view name = pattern.substr(open + 1, close - open - 1);
        const std::string* value = nullptr;
        for (const auto& [key, text] : args)
            if (key == name)
                value = &text;
        out.append(value ? std::string_view(*value) : pattern.substr(open, close - open + 1));
        i = close + 1;
    }
    return out;
}

Reason Reason::said(std::string_view key, Args args)
{
    std::string_view pattern = key;
    for (const auto& [name, english] : reason_templates())
        if (name == key)
            pattern = english;
    std::string text = fill_in(pattern, args);
    return Reason {{Part {std::string(key), std::move(args), std::move(text)}}};
}

Reason Reason::plain(std::string text)
{
    return Reason {{Part {"", {}, std::move(text)}}};
}

Reason& Reason::operator+=(const Reason& more)
{
    parts.insert(parts.end(), more.parts.begin(), more.parts.end());
    return *this;
}

std::string Reason::text() const
{
    std::string out;
    for (const Part& part : parts)
        out += part.text;
    return out;
}

std::string Reason::text(const std::function<std::optional<std::string>(const std::string& key)>& template_for) const
{
    std::string out;
    for (const Part& part : parts) {
        std::optional<std::string> pattern = part.key.empty() ? std::nullopt : template_for(part.key);
        out += pattern ? fill_in(*pattern, part.args) : part.text;
    }
    return out;
}

} // namespace kiosk
