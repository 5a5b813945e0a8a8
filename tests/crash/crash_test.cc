// Crash test: a child appends and reports acknowledgements over a pipe; the parent kills it
// with SIGKILL at random moments, reopens the log, and checks that every acknowledged event is
// present and identical, the log contiguous, and verify clean.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <random>
#include <sstream>

#include <catch2/catch.hpp>

#include "eventstore/event_store.h"
#include "eventstore/verify.h"
#include "tests/support/temp_dir.h"

extern char** environ;

namespace sb::testing {
namespace {

struct Acked {
  std::string stream;
  uint64_t version;
  std::string id;
  std::string payload;
};

class Child {
 public:
  Child(const std::string& dir, int round) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    const std::string round_arg = std::to_string(round);
    const char* argv[] = {CRASH_APPENDER_PATH, dir.c_str(), round_arg.c_str(), "4", nullptr};
    REQUIRE(posix_spawn(&pid_, CRASH_APPENDER_PATH, &actions, nullptr,
                        const_cast<char* const*>(argv), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    fd_ = fds[0];
  }
  ~Child() {
    if (fd_ >= 0) close(fd_);
  }

  // Reads acknowledgements for `run` (counted from the first acknowledgement when
  // `after_first_ack`, so that slow builds such as sanitizers still kill mid-append), then
  // kills the child and reads what it had already written.
  void RunUntilKilled(std::chrono::milliseconds run, bool after_first_ack,
                      std::map<uint64_t, Acked>* acked) {
    std::string buffer;
    char chunk[65536];
    auto deadline = std::chrono::steady_clock::now() + (after_first_ack ? kStartLimit : run);
    bool started = !after_first_ack;
    while (std::chrono::steady_clock::now() < deadline) {
      if (!started && !buffer.empty()) {
        started = true;
        deadline = std::chrono::steady_clock::now() + run;
      }
      timeval tv{0, 2000};
      fd_set set;
      FD_ZERO(&set);
      FD_SET(fd_, &set);
      if (select(fd_ + 1, &set, nullptr, nullptr, &tv) > 0) {
        ssize_t n = read(fd_, chunk, sizeof chunk);
        if (n <= 0) break;  // the child died on its own: the checks below will say why
        buffer.append(chunk, n);
      }
    }
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    for (ssize_t n; (n = read(fd_, chunk, sizeof chunk)) > 0;) buffer.append(chunk, n);
    Parse(buffer, acked);
  }

 private:
  static void Parse(const std::string& buffer, std::map<uint64_t, Acked>* acked) {
    std::istringstream in(buffer);
    std::string line;
    while (std::getline(in, line)) {
      if (in.eof()) break;  // no trailing newline: never reported whole
      std::istringstream fields(line);
      uint64_t position;
      Acked a;
      fields >> position >> a.stream >> a.version >> a.id >> a.payload;
      REQUIRE(acked->emplace(position, a).second);  // a position is acknowledged once
    }
  }

  static constexpr std::chrono::seconds kStartLimit{20};
  pid_t pid_ = -1;
  int fd_ = -1;
};

TEST_CASE("acknowledged appends survive SIGKILL at random moments", "[eventstore][crash]") {
  TempDir dir;
  const std::string data = dir.Sub("data");
  std::mt19937 rng(std::random_device{}());
  std::uniform_int_distribution<int> run_ms(0, 250);
  std::map<uint64_t, Acked> acked;
  constexpr int kRounds = 24;
  for (int round = 1; round <= kRounds; ++round) {
    const int ms = run_ms(rng);
    // Odd rounds kill blind (possibly while the log is created or recovered), even rounds a
    // while after appends are flowing.
    const bool after_first_ack = round % 2 == 0;
    INFO("round " << round << ", killed " << ms << " ms after "
                  << (after_first_ack ? "the first acknowledgement" : "the start"));
    Child child(data, round);
    child.RunUntilKilled(std::chrono::milliseconds(ms), after_first_ack, &acked);

    // Round 1 may be killed before the log even exists.
    if (acked.empty() && !std::filesystem::exists(data + "/CURRENT")) continue;
    auto check_acked = [&](es::EventStore& store) {
      REQUIRE(store.LastPosition() >= (acked.empty() ? 0 : acked.rbegin()->first));
      for (const auto& [position, a] : acked) {
        auto e = store.ReadAt(position);
        INFO("position " << position);
        REQUIRE(e.ok());
        REQUIRE(e->stream == a.stream);
        REQUIRE(e->version == a.version);
        REQUIRE(es::ToString(e->id) == a.id);
        REQUIRE(e->payload == a.payload);
      }
    };
    if (!acked.empty()) {
      // A follower reads the killed owner's WAL, zeros ahead of its end included, before any
      // owner has recovered it.
      es::StoreOptions options;
      options.follower = true;
      auto follower = es::EventStore::Open(data, options);
      INFO("follower: " << follower.status().ToString());
      REQUIRE(follower.ok());
      check_acked(**follower);
    }
    auto store = es::EventStore::Open(data);
    INFO(store.status().ToString());
    REQUIRE(store.ok());
    auto report = es::Verify(**store);
    REQUIRE(report.ok());
    for (const auto& f : report->faults) UNSCOPED_INFO(f);
    REQUIRE(report->ok());
    check_acked(**store);
  }
  // The rounds must have exercised something: most kills land while appends are flowing.
  CHECK(acked.size() > 100);
}

}  // namespace
}  // namespace sb::testing
