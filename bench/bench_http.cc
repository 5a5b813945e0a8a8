// bench_http: click-to-call `initiate` end to end against the real server (HTTP, the saga over
// three entity actors, three durable appends) beside a trivial route of the same server in
// the same run; plus memory per idle entity actor and recovery time of a long stream.
//
//   bench_http [--seconds 5] [--connections 64] [--entities 30000] [--stream-events 10000]
#include <malloc.h>

#ifdef SB_WITH_TCMALLOC
#include <gperftools/malloc_extension.h>
#endif
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <boost/program_options.hpp>

#include "bench/http_load.h"
#include "bench/thread_cpu.h"
#include "domain/agent_decider.h"
#include "domain/customer_decider.h"
#include "http/api/app.h"
#include "http/auth.h"

namespace po = boost::program_options;
using namespace sb;

namespace {

constexpr char kSecret[] = "bench-secret";

// Heap bytes in use (not RSS: memory freed by passivated actors stays in the process and
// would hide what new ones take).
size_t HeapInUse() {
#ifdef SB_WITH_TCMALLOC
  size_t bytes = 0;
  MallocExtension::instance()->GetNumericProperty("generic.current_allocated_bytes", &bytes);
  return bytes;
#else
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
#endif
}

// Sends `count` commands through the runtime with at most `window` in flight.
template <class D, class Make>
void Drive(actors::Runtime& runtime, size_t count, Make make) {
  constexpr size_t kWindow = 512;
  std::mutex mu;
  std::condition_variable cv;
  size_t in_flight = 0, done = 0, failed = 0;
  std::string first_failure;
  for (size_t i = 0; i < count; ++i) {
    {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return in_flight < kWindow; });
      ++in_flight;
    }
    runtime.Ask<D>(make(i), [&](Result<actors::EntityReply<D>> r) {
      std::lock_guard<std::mutex> lock(mu);
      if ((!r.ok() || !r.value().ok()) && failed++ == 0) {
        first_failure = !r.ok()               ? r.status().ToString()
                        : r.value().rejection ? r.value().rejection->code
                                              : r.value().status.ToString();
      }
      --in_flight;
      ++done;
      cv.notify_all();
    });
  }
  std::unique_lock<std::mutex> lock(mu);
  cv.wait(lock, [&] { return done == count; });
  if (failed) {
    fprintf(stderr, "bench_http: %zu setup commands failed, the first: %s\n", failed,
            first_failure.c_str());
  }
}

template <class D>
actors::EntityCommand<D> Command(const std::string& id, typename D::Command command) {
  actors::EntityCommand<D> c;
  c.key = actors::EntityKey{"bench", id};
  c.command = std::move(command);
  c.meta.actor = "bench";
  return c;
}

std::unique_ptr<http::api::App> StartApp(const std::string& dir,
                                         std::chrono::milliseconds passivate_after) {
  http::api::AppOptions options;
  options.data_dir = dir;
  options.jwt_secret = kSecret;
  options.server.port = 0;
  options.runtime.entity.passivate_after = passivate_after;
  options.runtime.entity.snapshot_every = 0;  // the recovery figure replays every event
  auto started = http::api::App::Start(options);
  if (!started.ok()) {
    fprintf(stderr, "bench_http: %s\n", started.status().ToString().c_str());
    return nullptr;
  }
  while (!started.value()->ready()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return std::move(started).value();
}

// Agents a-0.. (online) and customers c-0.. (leads with a phone, not online).
void RegisterPairs(actors::Runtime& runtime, size_t count) {
  Drive<domain::AgentDecider>(runtime, count, [](size_t i) {
    domain::RegisterAgent reg;
    reg.profile.name = "Agent " + std::to_string(i);
    reg.profile.skills = {{"sales", 5}};
    return Command<domain::AgentDecider>("a-" + std::to_string(i), reg);
  });
  Drive<domain::AgentDecider>(runtime, count, [](size_t i) {
    return Command<domain::AgentDecider>(
        "a-" + std::to_string(i), domain::ChangeAgentStatus{domain::AgentStatus::kOnline, ""});
  });
  Drive<domain::CustomerDecider>(runtime, count, [](size_t i) {
    domain::RegisterCustomer reg;
    reg.profile.phone = "+14155550100";
    return Command<domain::CustomerDecider>("c-" + std::to_string(i), reg);
  });
}

template <class D>
double TimeQuery(actors::Runtime& runtime, const std::string& id) {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  const auto start = std::chrono::steady_clock::now();
  actors::EntityCommand<D> query;
  query.key = actors::EntityKey{"bench", id};
  runtime.Ask<D>(query, [&](Result<actors::EntityReply<D>>) {
    std::lock_guard<std::mutex> lock(mu);
    done = true;
    cv.notify_all();
  });
  std::unique_lock<std::mutex> lock(mu);
  cv.wait(lock, [&] { return done; });
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 5;
  int connections = 64;
  size_t entities = 30000, stream_events = 10000;
  std::string dir;
  po::options_description options("bench_http options");
  options.add_options()("help", "this help")("seconds", po::value(&seconds)->default_value(5),
                                             "length of each load run")(
      "connections", po::value(&connections)->default_value(64), "keep-alive connections")(
      "entities", po::value(&entities)->default_value(30000),
      "agents and customers registered up front (one pair per initiate)")(
      "stream-events", po::value(&stream_events)->default_value(10000),
      "events in the stream whose recovery is timed")("dir", po::value(&dir)->default_value(""),
                                                      "data directory (default: a fresh temp dir)");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, options), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    fprintf(stderr, "bench_http: %s\n", e.what());
    return 2;
  }
  if (vm.count("help")) {
    printf("%s", (std::ostringstream() << options).str().c_str());
    return 0;
  }
  if (dir.empty()) {
    char tmpl[] = "/tmp/bench-http-XXXXXX";
    dir = mkdtemp(tmpl);
  }

  // Phase 1, memory per idle entity actor, on a server that passivates after 1 s: once every
  // registered agent has passivated, wake each (a query recovers it from the log and appends
  // nothing) and divide the heap's growth by the live entities.
  double bytes_per_actor = 0;
  size_t live = 0;
  {
    auto app = StartApp(dir + "/memory", std::chrono::seconds(1));
    if (!app) return 1;
    auto& runtime = app->runtime();
    RegisterPairs(runtime, entities);
    auto live_now = [&] {
      return runtime.counters().spawned.load() - runtime.counters().terminated.load();
    };
    while (live_now() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const size_t heap_before = HeapInUse();
    Drive<domain::AgentDecider>(runtime, entities, [](size_t i) {
      actors::EntityCommand<domain::AgentDecider> query;
      query.key = actors::EntityKey{"bench", "a-" + std::to_string(i)};
      return query;
    });
    live = live_now();
    bytes_per_actor =
        live ? static_cast<double>(HeapInUse() - heap_before) / static_cast<double>(live) : 0;
  }

  // Phase 2, the load, on a server with the default passivation: agents and leads are live, as
  // in seed 000 where the agent has the lead open before clicking Call.
  auto started = StartApp(dir + "/load", std::chrono::minutes(5));
  if (!started) return 1;
  auto& app = *started;
  auto& runtime = app.runtime();
  RegisterPairs(runtime, entities);

  // Phase 3, recovery of one long stream: append it, then time the first query of its actor.
  {
    std::vector<es::EventData> events;
    for (size_t i = 0; i <= stream_events; ++i) {
      es::EventData d;
      d.id = es::NewEventId();
      d.tenant = "bench";
      if (i == 0) {
        domain::AgentRegistered registered{{"Long", "", "", "", {}, 1}, 1};
        d.type = domain::AgentDecider::TypeOf(registered);
        d.payload = domain::AgentDecider::EncodeEvent(registered);
      } else {
        domain::AgentActivityRecorded activity{"IDLE", "", true, static_cast<int64_t>(i), "", 1};
        d.type = domain::AgentDecider::TypeOf(activity);
        d.payload = domain::AgentDecider::EncodeEvent(activity);
      }
      events.push_back(std::move(d));
    }
    // In chunks: one append holds at most StoreOptions::max_batch_events.
    uint64_t version = 0;
    for (size_t at = 0; at < events.size(); at += 4096) {
      std::vector<es::EventData> chunk(events.begin() + at,
                                       events.begin() + std::min(events.size(), at + 4096));
      auto appended = app.store().Append("bench/agent/long", es::ExpectedVersion::Exact(version),
                                         std::move(chunk));
      if (!appended.status.ok()) {
        fprintf(stderr, "bench_http: %s\n", appended.status.ToString().c_str());
        return 1;
      }
      version = appended.stream_version;
    }
  }
  const double recovery_ms = TimeQuery<domain::AgentDecider>(runtime, "long");
  const double warm_ms = TimeQuery<domain::AgentDecider>(runtime, "long");

  // Phase 4: the trivial route, then initiate, against the same server.
  const int64_t now = std::time(nullptr);
  const std::string admin =
      http::MintToken(kSecret, http::Principal{"bench", http::Role::kAdmin, "bench"}, 3600, now)
          .value();
  bench::HttpLoadOptions load;
  load.port = app.port();
  load.connections = connections;
  load.duration = std::chrono::duration<double>(seconds);

  bench::HttpLoadRequest trivial;
  trivial.target = "/healthz";
  const auto cpu_start = bench::TakeCpuSnapshot();
  auto baseline = bench::RunHttpLoad(load, trivial);
  const auto cpu_baseline = bench::TakeCpuSnapshot();

  bench::HttpLoadRequest initiate;
  initiate.method = "POST";
  initiate.target = "/api/v1/click-to-call/initiate";
  initiate.headers = {{"Authorization", "Bearer " + admin}};
  initiate.make_body = [entities](uint64_t seq) {
    const std::string n = std::to_string(seq % entities);
    return R"({"to_phone":"+14155550100","agent_id":"a-)" + n + R"(","lead_id":"c-)" + n + R"("})";
  };
  load.max_requests = entities;  // one fresh agent/customer pair per initiate, never a 409
  auto calls = bench::RunHttpLoad(load, initiate);
  const auto cpu_calls = bench::TakeCpuSnapshot();
  if (!baseline.ok() || !calls.ok()) {
    fprintf(stderr, "bench_http: load failed: %s %s\n", baseline.status().ToString().c_str(),
            calls.status().ToString().c_str());
    return 1;
  }
  const auto& b = baseline.value();
  const auto& c = calls.value();
  const double ratio = b.rate > 0 ? c.rate / b.rate : 0;
  printf("%d connections, %.1f s per run, %zu agent/customer pairs\n", connections, seconds,
         entities);
  printf("GET /healthz (baseline)   %9.0f req/s  p50 %7.0f us  p99 %7.0f us  errors %lu\n", b.rate,
         b.p50_us, b.p99_us, static_cast<unsigned long>(b.errors + b.non_2xx));
  printf("POST initiate             %9.0f req/s  p50 %7.0f us  p99 %7.0f us  non-201 %lu\n", c.rate,
         c.p50_us, c.p99_us, static_cast<unsigned long>(c.errors + c.non_2xx));
  printf("initiate / baseline ratio %9.2f   (goal >= 0.30 with p99 <= 5000 us)\n", ratio);
  // On 2 shared cores, CPU per request bounds the rate: where it goes says what to work on.
  const auto initiate_cpu = bench::CpuByGroup(cpu_baseline, cpu_calls);
  printf("CPU per healthz  %s\n",
         bench::FormatCpuPer(bench::CpuByGroup(cpu_start, cpu_baseline), b.requests).c_str());
  printf("CPU per initiate %s\n", bench::FormatCpuPer(initiate_cpu, c.requests).c_str());
  printf("memory per idle entity    %9.0f B     (goal <= 4096; %zu live agents)\n", bytes_per_actor,
         live);
  printf("recovery of %zu events   %9.1f ms    (a live actor answers in %.2f ms)\n",
         stream_events + 1, recovery_ms, warm_ms);
  if (c.requests >= entities) {
    printf("note: the initiate run ended after %zu calls, one per pair (--entities)\n", entities);
  }
  boost::json::object json{
      {"baseline_rate", b.rate},
      {"initiate_rate", c.rate},
      {"initiate_p50_us", c.p50_us},
      {"initiate_p99_us", c.p99_us},
      {"initiate_failures", c.errors + c.non_2xx},
      {"ratio", ratio},
      {"initiate_cpu_us", c.requests ? bench::TotalSeconds(initiate_cpu) * 1e6 / c.requests : 0},
      {"bytes_per_idle_entity", bytes_per_actor},
      {"recovery_ms", recovery_ms},
      {"recovery_events", stream_events + 1}};
  printf("%s\n", boost::json::serialize(json).c_str());
  app.Stop();
  std::error_code ec;
  if (!vm.count("dir") || vm["dir"].defaulted()) std::filesystem::remove_all(dir, ec);
  return 0;
}
