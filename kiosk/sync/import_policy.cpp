// import_bundle: a bundle folder checked against the policy and, when it may, written into the store.
#include "sync/import_policy.hpp"

#include "content/bundle_reader.hpp"
#include "content/image_scale.hpp"
#include "sync/identity.hpp"
#include "sync/pending.hpp"

namespace kiosk::sync {

namespace {

std::int64_t unix_seconds(WallTime time)
{
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

// Whether a readable bundle may go into the store, by its signature and the version rules: nullopt when it may, else
// the outcome that stops it with report.message saying why.
std::optional<Outcome> decide(const std::optional<Verified>& verified, const Reason& unsigned_why,
    const Diagnostics& diagnostics, const ImportPolicy& policy, const BundleIdentity& identity, store::Store& store,
    Reason& why)
{
    auto active = store.active_version();
    bool showing = active && active->identity == identity.hash;
    bool waits = policy.unsigned_bundles == ImportPolicy::Unsigned::Wait;
    if (verified) {
        if (diagnostics.has_errors() && waits) {
            why = Reason::said("signed_with_errors");
            return Outcome::Invalid;
        }
        // Checked again inside the import's transaction; checking first spares scaling the pictures.
        if (!showing
            && !store.version_allowed(verified->manifest.version, true, identity.hash, unix_seconds(policy.now), why))
            return Outcome::RefusedVersion;
        return std::nullopt;
    }
    if (waits && !showing) {
        why = unsigned_why + Reason::said("waits_for_staff");
        return Outcome::Pending;
    }
    // Staff apply what waited: not over a signed version that arrived while it waited, which is newer.
    if (auto newer = policy.waiting_since > 0 ? signed_since(store, policy.waiting_since) : std::nullopt;
        newer && !showing) {
        why = Reason::said("newer_arrived_while_waiting", {{"version", newer->version}, {"source", newer->source}});
        return Outcome::RefusedVersion;
    }
    return std::nullopt;
}

} // namespace

ImportReport import_bundle(const std::string& dir, const ImportPolicy& policy, store::Store& store)
{
    ImportReport report;
    Diagnostics diagnostics;
    auto bundle = read_bundle(dir, diagnostics);
    report.importable = bundle.has_value();
    Reason unsigned_why;
    std::optional<Verified> verified;
    if (has_manifest(dir))
        verified = verify_bundle(dir, policy.trusted_keys, unsigned_why, policy.key_problems);
    else
        unsigned_why = Reason::said("not_signed");
    report.is_signed = verified.has_value();
    auto finish = [&](Outcome outcome, Reason reason) {
        report.outcome = outcome;
        report.reason = std::move(reason);
        report.diagnostics = diagnostics.all();
        if (auto active = store.active_version())
            report.version = active->version;
        return report;
    };
    if (!bundle)
        return finish(Outcome::Invalid, Reason::said("cannot_be_used"));

    report.counts = count_bundle(*bundle, policy.now, kiosk_time_zone(policy.time_zone, &*bundle));
    std::string error;
    auto identity = bundle_identity(dir, error);
    if (!identity)
        return finish(Outcome::Unreadable, Reason::plain(error));
    if (Reason why; auto stop = decide(verified, unsigned_why, diagnostics, policy, *identity, store, why))
        return finish(*stop, why);

    store::ImportRequest request;
    request.bundle = &*bundle;
    request.identity = identity->hash;
    request.source = policy.source;
    request.counts = report.counts;
    request.source_files = identity->files;
    request.imported_at = unix_seconds(policy.now);
    if (verified) {
        request.version = verified->manifest.version;
        request.expires = verified->manifest.expires;
        request.is_signed = true;
        request.check_version_rules = true;
        request.now = unix_seconds(policy.now);
    }
    request.image_data = scale_bundle_images(dir, *bundle, diagnostics);
    for (const Diagnostic& d : diagnostics.all())
        request.report += d.to_string() + "\n";
    auto written = store.import_bundle(request, error);
    if (!written)
        return finish(Outcome::Failed, Reason::plain(error));
    switch (*written) {
    case store::ImportOutcome::Imported:
        return finish(Outcome::Imported, {});
    case store::ImportOutcome::Unchanged:
        return finish(Outcome::Unchanged, Reason::said("already_showing"));
    case store::ImportOutcome::Refused: // Another import came first.
        return finish(Outcome::RefusedVersion, Reason::plain(error));
    }
    return finish(Outcome::Failed, Reason::plain(error));
}

} // namespace kiosk::sync
