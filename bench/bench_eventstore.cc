// bench_eventstore: durable append throughput from 1, 8 and 64 concurrent appenders, and $all
// replay, each next to a raw RocksDB baseline measured in the same run on the same disk:
//   append baseline: WriteBatches of the same mean size (events per WAL sync), same value size,
//                    sync on, one key per event and no bookkeeping (no index, no id check, no
//                    CRC); and, for reference, the same with every appender in one batch, and
//                    the same with its WAL zero-filled ahead as the log's is;
//   replay baseline: a raw iteration of the same events column family, without decoding.
// Prints each figure and ratio, and last one JSON line with all of them.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/write_batch.h>
#include <boost/json.hpp>
#include <boost/program_options.hpp>

#include "bench/thread_cpu.h"
#include "eventstore/event_store.h"
#include "eventstore/keys.h"
#include "eventstore/record_codec.h"
#include "eventstore/wal_file_system.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace es = sb::es;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

es::EventData BenchEvent(uint64_t n) {
  es::EventData e;
  e.id = es::NewEventId();
  e.type = "CallStatusChanged";
  e.tenant = "bench";
  e.actor = "agent:42";
  e.correlation_id = "c0ffee00-0000-4000-8000-000000000000";
  // ~300 bytes of payload, like a call event with its metadata.
  e.payload = "{\"n\":" + std::to_string(n) + ",\"status\":\"RINGING\",\"pad\":\"" +
              std::string(255, 'x') + "\"}";
  return e;
}

size_t RecordSize() {
  es::RecordedEvent r;
  static_cast<es::EventData&>(r) = BenchEvent(123456);
  r.stream = "bench/call/000042";
  r.position = r.version = 1;
  std::string out;
  es::EncodeRecord(r, &out);
  return out.size();
}

struct CpuPerEvent {
  double writer_us = 0, sync_us = 0, answer_us = 0, other_us = 0;  // µs of CPU per event
  double total_us() const { return writer_us + sync_us + answer_us + other_us; }
};

struct AppendFigures {
  int appenders = 0;
  uint64_t events = 0;
  double seconds = 0;
  double mean_batch = 0;  // events per WAL sync
  CpuPerEvent cpu;
  double events_per_s() const { return events / seconds; }
};

// A fixed pool of worker threads running posted jobs: the stand-in for CAF's scheduler, on
// which entity actors receive append acknowledgements and issue their next append.
class Workers {
 public:
  explicit Workers(int threads) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
  }
  ~Workers() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  void Post(std::function<void()> job) {
    {
      std::lock_guard lock(mu_);
      jobs_.push_back(std::move(job));
    }
    cv_.notify_one();
  }

 private:
  void Run() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

// `appenders` concurrent appenders, each with one append in flight at a time: when its append
// is acknowledged it makes the next one on a worker, as an entity actor does.
AppendFigures BenchAppend(const std::string& dir, int appenders, double seconds) {
  auto store = std::move(es::EventStore::Open(dir).value());
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> events{0};
  std::atomic<int> running{appenders};
  std::mutex done_mu;
  std::condition_variable done_cv;
  Workers workers(2);
  std::function<void(int, uint64_t)> next = [&](int a, uint64_t n) {
    if (stop.load(std::memory_order_relaxed)) {
      std::lock_guard lock(done_mu);
      if (--running == 0) done_cv.notify_all();
      return;
    }
    // Each appender owns a few streams, as an actor per entity would.
    store->AppendAsync("bench/call/" + std::to_string(a * 16 + n % 16), es::ExpectedVersion::Any(),
                       {BenchEvent(n)}, [&, a, n](const es::AppendResult& r) {
                         if (!r.status.ok()) {
                           fprintf(stderr, "append failed: %s\n", r.status.ToString().c_str());
                           std::exit(1);
                         }
                         events.fetch_add(1, std::memory_order_relaxed);
                         workers.Post([&, a, n] { next(a, n + 1); });
                       });
  };
  const auto cpu_before = sb::bench::ThreadCpuSeconds();
  const auto start = Clock::now();
  for (int a = 0; a < appenders; ++a) workers.Post([&, a] { next(a, 0); });
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  {
    std::unique_lock lock(done_mu);
    done_cv.wait(lock, [&] { return running == 0; });
  }
  AppendFigures f;
  f.appenders = appenders;
  f.seconds = Seconds(Clock::now() - start);
  f.events = events.load();
  const double per_event_us = f.events ? 1e6 / f.events : 0;
  for (const auto& [name, after] : sb::bench::ThreadCpuSeconds()) {
    auto before = cpu_before.find(name);
    const double used = (after - (before == cpu_before.end() ? 0 : before->second)) * per_event_us;
    if (name == "sb-log-write") {
      f.cpu.writer_us += used;
    } else if (name == "sb-log-sync") {
      f.cpu.sync_us += used;
    } else if (name == "sb-log-ack") {
      f.cpu.answer_us += used;
    } else {
      f.cpu.other_us += used;
    }
  }
  const auto stats = store->stats();
  f.mean_batch = stats.batches ? double(stats.events) / stats.batches : 0;
  return f;
}

struct RawFigures {
  double keys_per_s = 0;
  double cpu_us_per_key = 0;  // every thread of the process, RocksDB's own included
};

// Raw RocksDB: `total` values of `value_size` bytes in synced WriteBatches of `batch` keys.
// `zero_filled`: its WAL written over zeros laid ahead, as the log's is (wal_file_system.h).
RawFigures BenchRawAppend(const std::string& dir, uint64_t total, size_t batch, size_t value_size,
                          bool zero_filled = false) {
  rocksdb::Options options;
  options.create_if_missing = true;
  std::unique_ptr<rocksdb::Env> env;
  if (zero_filled) {
    env = rocksdb::NewCompositeEnv(es::NewOwnerWalFileSystem(rocksdb::FileSystem::Default()));
    options.env = env.get();
  }
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::Open(options, dir, &raw).ok()) std::exit(1);
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::WriteOptions wo;
  wo.sync = true;
  const std::string value(value_size, 'v');
  const double cpu_before = sb::bench::TakeCpuSnapshot().process_seconds;
  const auto start = Clock::now();
  uint64_t written = 0;
  while (written < total) {
    rocksdb::WriteBatch wb;
    for (size_t i = 0; i < batch && written < total; ++i) {
      wb.Put(es::PositionKey(++written), value);
    }
    if (!db->Write(wo, &wb).ok()) std::exit(1);
  }
  RawFigures f;
  f.keys_per_s = written / Seconds(Clock::now() - start);
  f.cpu_us_per_key = (sb::bench::TakeCpuSnapshot().process_seconds - cpu_before) * 1e6 / written;
  db.reset();  // before its env
  return f;
}

// Fills a log with `total` events quickly (large appends from two threads).
void Prefill(const std::string& dir, uint64_t total) {
  auto store = std::move(es::EventStore::Open(dir).value());
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      for (uint64_t n = t; n * 1000 < total; n += 2) {
        std::vector<es::EventData> events;
        for (int i = 0; i < 1000; ++i) events.push_back(BenchEvent(n * 1000 + i));
        auto r = store->Append("bench/call/" + std::to_string(n % 5000), es::ExpectedVersion::Any(),
                               std::move(events));
        if (!r.status.ok()) std::exit(1);
      }
    });
  }
  for (auto& t : threads) t.join();
}

struct ReplayFigures {
  uint64_t events = 0;
  double store_per_s = 0;
  double raw_per_s = 0;
};

double ReplayStore(const std::string& dir, uint64_t* count) {
  auto store = std::move(es::EventStore::Open(dir).value());
  const auto start = Clock::now();
  // What a projection rebuild does: every event decoded (CRC checked) and handed to a fold.
  uint64_t pos = 1, n = 0, bytes = 0;
  for (;;) {
    const uint64_t before = n;
    auto next = store->ScanAll(pos, 10000, {}, [&](const es::RecordedEvent& e) {
      ++n;
      bytes += e.payload.size();
    });
    if (!next.ok()) std::exit(1);
    if (n == before) break;
    pos = *next;
  }
  if (bytes == 0) std::exit(1);
  *count = n;
  return n / Seconds(Clock::now() - start);
}

double ReplayRaw(const std::string& dir) {
  std::vector<std::string> names;
  rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names);
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::Open(rocksdb::DBOptions(), dir, families, &handles, &raw).ok()) std::exit(1);
  auto events_cf = handles[std::find(names.begin(), names.end(), es::kEventsCf) - names.begin()];
  rocksdb::ReadOptions ro;
  ro.readahead_size = 2 << 20;
  const auto start = Clock::now();
  uint64_t n = 0, bytes = 0;
  {
    std::unique_ptr<rocksdb::Iterator> it(raw->NewIterator(ro, events_cf));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      bytes += it->value().size();
      ++n;
    }
  }
  const double rate = n / Seconds(Clock::now() - start);
  if (bytes == 0) std::exit(1);
  for (auto* h : handles) raw->DestroyColumnFamilyHandle(h);
  delete raw;
  return rate;
}

// Best of two alternating runs each, so that neither side profits from going second.
ReplayFigures BenchReplay(const std::string& dir) {
  ReplayFigures f;
  for (int i = 0; i < 2; ++i) {
    f.raw_per_s = std::max(f.raw_per_s, ReplayRaw(dir));
    f.store_per_s = std::max(f.store_per_s, ReplayStore(dir, &f.events));
  }
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  namespace po = boost::program_options;
  double seconds = 3;
  uint64_t replay_events = 1000000;
  std::string work = "./bench-data";
  std::vector<int> appender_counts;
  po::options_description options("bench_eventstore options");
  options.add_options()("help,h", "show this help")(
      "seconds", po::value(&seconds)->default_value(3), "duration of each append run")(
      "replay-events", po::value(&replay_events)->default_value(1000000),
      "events in the $all replay (0: skip)")(
      "appenders", po::value(&appender_counts)->multitoken(),
      "concurrent appender counts to run (default: 1 8 64; 0: none)")(
      "dir", po::value(&work)->default_value("./bench-data"),
      "scratch directory (removed before and after)");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, options), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    fprintf(stderr, "bench_eventstore: %s\n", e.what());
    return 2;
  }
  if (vm.count("help")) {
    printf("%s", (std::ostringstream() << options).str().c_str());
    return 0;
  }
  namespace fs = std::filesystem;
  fs::remove_all(work);
  fs::create_directories(work);
  const size_t record = RecordSize();
  printf("record size %zu bytes; %.1f s per append run\n", record, seconds);

  boost::json::object json{{"record_bytes", record}};
  if (appender_counts.empty()) appender_counts = {1, 8, 64};
  for (int appenders : appender_counts) {
    if (appenders <= 0) continue;
    const std::string dir = work + "/append-" + std::to_string(appenders);
    AppendFigures f = BenchAppend(dir, appenders, seconds);
    const size_t batch = std::max<size_t>(1, size_t(f.mean_batch + 0.5));
    const RawFigures raw =
        BenchRawAppend(dir + "-raw", std::max<uint64_t>(f.events, 2000), batch, record);
    const double ratio = f.events_per_s() / raw.keys_per_s;
    // The same through the log's own WAL file system: what the log's bookkeeping costs.
    const RawFigures raw_zero =
        BenchRawAppend(dir + "-raw-zero", std::max<uint64_t>(f.events, 2000), batch, record, true);
    // What one sync per round of all appenders would reach: the ceiling of a serial cycle.
    const RawFigures raw_all = BenchRawAppend(dir + "-raw-all", std::max<uint64_t>(f.events, 2000),
                                              size_t(appenders), record);
    printf(
        "append %2d appenders: %9.0f events/s durable, %6.1f events per sync | raw RocksDB "
        "batch %4zu sync: %9.0f keys/s | ratio %.2f | raw batch %2d: %9.0f keys/s, ratio %.2f\n",
        appenders, f.events_per_s(), f.mean_batch, batch, raw.keys_per_s, ratio, appenders,
        raw_all.keys_per_s, f.events_per_s() / raw_all.keys_per_s);
    // With every core busy, CPU per event bounds throughput whatever the disk does.
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    printf(
        "          CPU per durable event: %5.1f us (log writer %.1f, log sync %.1f, log answers "
        "%.1f, appenders and RocksDB %.1f): %u cores allow %.0f events/s | raw batch %zu: %.1f "
        "us per key\n",
        f.cpu.total_us(), f.cpu.writer_us, f.cpu.sync_us, f.cpu.answer_us, f.cpu.other_us, cores,
        cores * 1e6 / f.cpu.total_us(), batch, raw.cpu_us_per_key);
    printf(
        "          raw RocksDB batch %4zu sync, its WAL zero-filled as the log's: %9.0f keys/s | "
        "ratio %.2f\n",
        batch, raw_zero.keys_per_s, f.events_per_s() / raw_zero.keys_per_s);
    const std::string k = "append_" + std::to_string(appenders);
    json[k + "_events_per_s"] = std::round(f.events_per_s());
    json[k + "_mean_batch"] = f.mean_batch;
    json[k + "_raw_per_s"] = std::round(raw.keys_per_s);
    json[k + "_ratio"] = ratio;
    json[k + "_raw_one_batch_per_s"] = std::round(raw_all.keys_per_s);
    json[k + "_raw_zero_filled_per_s"] = std::round(raw_zero.keys_per_s);
    json[k + "_zero_filled_ratio"] = f.events_per_s() / raw_zero.keys_per_s;
    json[k + "_cpu_us_per_event"] = f.cpu.total_us();
    json[k + "_writer_cpu_us_per_event"] = f.cpu.writer_us;
    json[k + "_raw_cpu_us_per_key"] = raw.cpu_us_per_key;
    fs::remove_all(dir);
    fs::remove_all(dir + "-raw");
    fs::remove_all(dir + "-raw-all");
    fs::remove_all(dir + "-raw-zero");
  }

  if (replay_events > 0) {
    const std::string replay_dir = work + "/replay";
    Prefill(replay_dir, replay_events);
    const ReplayFigures r = BenchReplay(replay_dir);
    printf(
        "$all replay of %llu events: %9.0f events/s decoded | raw iteration %9.0f/s | "
        "ratio %.2f\n",
        static_cast<unsigned long long>(r.events), r.store_per_s, r.raw_per_s,
        r.store_per_s / r.raw_per_s);
    json["replay_events"] = r.events;
    json["replay_events_per_s"] = std::round(r.store_per_s);
    json["replay_raw_per_s"] = std::round(r.raw_per_s);
    json["replay_ratio"] = r.store_per_s / r.raw_per_s;
  }
  fs::remove_all(work);
  printf("%s\n", boost::json::serialize(json).c_str());
  return 0;
}
