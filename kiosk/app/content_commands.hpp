// The commands that change or report the installed content: import, rollback and status.
#pragma once

#include "app/cli.hpp"
#include "app/settings.hpp"
#include "content/clock.hpp"
#include "content/time_zone.hpp"
#include "store/store.hpp"
#include "sync/signing.hpp"

#include <memory>
#include <string>

namespace kiosk {

// kiosk import DIR [--json]: validates as check does; refuses a bundle with a fatal error (exit 1); otherwise writes
// it as a new version, or changes nothing when it is the active one (exit 0).
int run_import(const Options& options, const Settings& settings);

// kiosk rollback: the previous version becomes active and stays until a version newer than the one rolled away from
// arrives. Exit 1 when there is no previous version.
int run_rollback(const Options& options);

// kiosk status [--json]: the active version, where it came from, when it was imported and what it holds.
int run_status(const Options& options, const Settings& settings);

// kiosk keygen --out NAME, kiosk pack DIR --key NAME.key, kiosk verify DIR --pub NAME.pub.
int run_keygen(const Options& options);
int run_pack(const Options& options, const Settings& settings);
int run_verify(const Options& options);
// kiosk sync --once: one pass over every source (the USB mount roots); 0 when everything is up to date or waiting
// for staff, 1 when a source failed or was refused.
int run_sync(const Options& options, const Settings& settings);

// kiosk set-pin: the PIN twice on standard input (4 to 12 digits), stored hashed in the state folder.
int run_set_pin(const Options& options);

// The settings' trusted public keys. One that cannot be read is left out, and added to `problems` (its path and why)
// when given, else reported on standard error.
std::vector<sync::PublicKey> trusted_keys(const Settings& settings, std::vector<sync::KeyProblem>* problems = nullptr);

// A command's clock: the system's, or from --now (a time in `zone`) on. Screenshots and scripts pass Simulated.
Clock command_clock(const Options& options, const TimeZone& zone, Clock::Mode mode = Clock::Mode::Real);

// The store in the state folder, opened once for the command (its migrations run then). With StoreMissing::Fail,
// a state folder with no content yet gives nothing and `error` says so.
enum class StoreMissing {
    Create,
    Fail,
};
std::unique_ptr<store::Store> open_store(const Options& options, StoreMissing missing, std::string& error);

// The database file in the state folder.
std::string database_path(const Options& options);
// The database in the state folder `state`: STATE/db/kiosk.db. The database has a folder of its own so that the
// import child, which writes it, can be given that folder and its scratch folder and nothing else of the state folder
// (where the staff PIN's hash is). A database from before, at STATE/kiosk.db, is moved there first.
std::string database_in(const std::string& state);

} // namespace kiosk
