// switchboard backup: a consistent copy of a data directory (a RocksDB checkpoint: the log,
// snapshots, checkpoints and read models), which opens as an ordinary data directory.
//
// A free directory is opened as its owner and checkpointed: RocksDB pins the files it copies.
// A directory a running server owns is checkpointed through a follower (a secondary instance),
// which cannot stop the server from deleting files it flushes or compacts meanwhile; so that
// copy is verified (contiguous from 1, every record readable, at least as far as the follower
// saw) and removed if it is not whole, and the operator is sent to the server's own route,
// POST /api/v1/admin/backup, which checkpoints its open log while appends go on.
//
// Exit codes: 0 written (prints the path and the last position the copy holds), 1 refused or
// failed (no log, the target exists, the disk refused), 2 bad arguments.
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>

#include "eventstore/event_store.h"
#include "eventstore/verify.h"
#include "ops/cli_options.h"
#include "ops/commands.h"

namespace po = boost::program_options;

namespace sb::ops {
namespace {

int Fail(const std::string& message) {
  std::cerr << "switchboard backup: " << message << "\n";
  return 1;
}

// True when another process holds the RocksDB lock of `dir` (RocksDB takes an fcntl write lock
// on dir/LOCK). Probing takes no lock and, unlike a DB::Open that fails on the lock, does not
// rotate the owner's info LOG. Only for a process that holds no lock there itself: closing the
// descriptor would drop its own POSIX locks on the file.
bool LockedByAnotherProcess(const std::string& dir) {
  const int fd = open((dir + "/LOCK").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct flock probe {};
  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;
  const bool locked = fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
  close(fd);
  return locked;
}

Status ServerOwned(const std::string& dir, const std::string& to, const std::string& why) {
  return Status::Busy("data directory " + dir +
                      " is owned by a running server and could not be copied from outside it (" +
                      why + "); ask the server instead: POST /api/v1/admin/backup {\"to\": \"" +
                      to + "\"} with an admin token");
}

// Checkpoints a directory a server owns through a follower, and keeps the copy only if it
// verifies whole and holds at least what the follower saw.
Status BackupThroughFollower(const std::string& dir, const std::string& to) {
  uint64_t seen = 0;
  {
    es::StoreOptions follower;
    follower.follower = true;
    auto store = es::EventStore::Open(dir, follower);
    if (!store.ok()) return ServerOwned(dir, to, store.status().ToString());
    seen = (*store)->LastPosition();
    Status status = (*store)->Backup(to);
    if (!status.ok()) return ServerOwned(dir, to, status.ToString());
  }
  std::string fault;
  {
    es::StoreOptions follower;
    follower.follower = true;
    auto copy = es::EventStore::Open(to, follower);
    if (!copy.ok()) {
      fault = "the copy does not open: " + copy.status().ToString();
    } else if (auto report = es::Verify(**copy); !report.ok()) {
      fault = "the copy cannot be verified: " + report.status().ToString();
    } else if (!report->ok()) {
      fault = "the copy is not whole (" + std::to_string(report->fault_count) + " faults" +
              (report->faults.empty() ? "" : ", first: " + report->faults.front()) + ")";
    } else if (report->last_position < seen) {
      fault = "the copy ends at position " + std::to_string(report->last_position) + " before " +
              std::to_string(seen);
    }
  }
  if (fault.empty()) return Status::OK();
  std::error_code ec;
  std::filesystem::remove_all(to, ec);  // never leave a copy that is not a backup
  return ServerOwned(dir, to, fault);
}

}  // namespace

int RunBackup(const std::vector<std::string>& args) {
  std::string dir, to;
  po::options_description options("options");
  options.add_options()("data", po::value(&dir)->default_value("./data"), "data directory")(
      "to", po::value(&to)->required(), "where to write the copy (must not exist)");
  po::variables_map values;
  if (auto code = ParseCommandLine("backup", "--to DIR [--data DIR]", options, args, &values)) {
    return *code;
  }
  if (to.empty()) {
    std::cerr << "switchboard backup: --to needs a directory\n"
              << "usage: switchboard backup --to DIR [--data DIR]\n";
    return 2;
  }
  std::error_code ec;
  std::filesystem::path resolved = std::filesystem::absolute(to, ec).lexically_normal();
  if (ec) return Fail("cannot resolve " + to + ": " + ec.message());
  if (!resolved.has_filename()) resolved = resolved.parent_path();  // "backups/x/"
  const std::string target = resolved.string();
  if (std::filesystem::exists(target, ec)) {
    return Fail("backup target " + target + " already exists; a backup never overwrites");
  }

  es::StoreOptions owner;
  owner.create_if_missing = false;  // backing up a typo must not create an empty log there
  Status status;
  if (LockedByAnotherProcess(dir)) {
    status = BackupThroughFollower(dir, target);
  } else {
    auto store = es::EventStore::Open(dir, owner);
    if (store.ok()) {
      status = (*store)->Backup(target);
    } else if (store.status().IsBusy()) {  // a server started since the probe
      status = BackupThroughFollower(dir, target);
    } else {
      status = store.status();
    }
  }
  if (!status.ok()) return Fail(status.message());

  // Report what the copy itself holds, read back from it: that also proves it opens.
  es::StoreOptions follower;
  follower.follower = true;
  auto copy = es::EventStore::Open(target, follower);
  if (!copy.ok())
    return Fail("the backup in " + target + " does not open: " + copy.status().ToString());
  std::cout << "backup written to " << target << ": last position " << (*copy)->LastPosition()
            << "\n";
  return 0;
}

}  // namespace sb::ops
