// bench_routing: inbound calls at a steady rate against a tenant of many online agents, every
// one with its console open, timed from the moment the Twilio incoming-call webhook is sent to
// the moment its offer frame arrives on a WebSocket: the offered agent's (call-offer, the goal)
// and the supervisor's (task-offered). The whole path is real: signed webhook over HTTP, the
// log, the router, the queue entity, the log again, the console feed.
//
// Baselines, in the same run: GET /healthz round trips at the same request rate, and how many
// of the log's group-commit batches (write + WAL sync) took longer than 5, 10 and 25 ms during
// the load (from the server's /metrics), which is how a slow disk shows.
//
//   bench_routing [--agents 5000] [--rate 1000] [--seconds 4] [--senders 8]
//                 [--agent-sockets 5000] [--timeline FILE] [--accept]
//
// --accept: each offered agent accepts its offer as it arrives (in process, through the queue
// entity, not over HTTP), so every task also changes its agent, as on a working floor; the
// router's view of the agents then changes as fast as calls arrive.
//
// --timeline writes one line per agent offer, "<sent> <latency>" in ms, sent on the
// CLOCK_MONOTONIC scale that perf (-k CLOCK_MONOTONIC) and bpftrace (nsecs) use: a slow offer
// can be laid next to a trace of the same moment.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <boost/program_options.hpp>

#include "bench/thread_cpu.h"
#include "bench/ws_swarm.h"
#include "domain/agent_decider.h"
#include "domain/provider_decider.h"
#include "domain/routing/queue_decider.h"
#include "http/api/app.h"
#include "http/api/webhook_intake.h"
#include "http/auth.h"
#include "http/providers/encoding.h"
#include "http/webhooks/twilio_signature.h"
#include "tests/support/http_client.h"

namespace po = boost::program_options;
using namespace sb;
using sb::testing::HttpClient;
using Clock = std::chrono::steady_clock;

namespace {

constexpr char kSecret[] = "bench-secret";
constexpr char kTenant[] = "bench";
constexpr char kPublicUrl[] = "https://sb.example.com";
constexpr char kAccountSid[] = "AC00000000000000000000000000000001";
constexpr char kAuthToken[] = "bench-twilio-token";

template <class D>
actors::EntityCommand<D> Command(const std::string& id, typename D::Command command) {
  actors::EntityCommand<D> c;
  c.key = actors::EntityKey{kTenant, id};
  c.command = std::move(command);
  c.meta.actor = "bench";
  return c;
}

// Sends `count` commands with at most 512 in flight; returns how many failed.
template <class D, class Make>
size_t Drive(actors::Runtime& runtime, size_t count, Make make) {
  std::mutex mu;
  std::condition_variable cv;
  size_t in_flight = 0, done = 0, failed = 0;
  for (size_t i = 0; i < count; ++i) {
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return in_flight < 512; });
      ++in_flight;
    }
    runtime.Ask<D>(make(i), [&](Result<actors::EntityReply<D>> r) {
      std::lock_guard lock(mu);
      if (!r.ok() || !r.value().ok()) ++failed;
      --in_flight;
      ++done;
      cv.notify_all();
    });
  }
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return done == count; });
  return failed;
}

std::string Token(const std::string& role, const std::string& subject) {
  http::Principal p{kTenant, *http::ParseRole(role), subject};
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  return http::MintToken(kSecret, p, 3600, now).value();
}

struct Percentiles {
  double p50 = 0, p99 = 0, max = 0;
};

Percentiles Summarize(std::vector<double> ms) {
  Percentiles p;
  if (ms.empty()) return p;
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) {
    return ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))];
  };
  p.p50 = at(0.50);
  p.p99 = at(0.99);
  p.max = ms.back();
  return p;
}

// Runs `per_second` calls of `send(i)` spread over `senders` threads for `seconds`; each
// returns its round trip in ms (negative: failed).
std::vector<double> Paced(int senders, double per_second, double seconds,
                          const std::function<double(uint64_t)>& send) {
  const uint64_t total = static_cast<uint64_t>(per_second * seconds);
  std::mutex mu;
  std::vector<double> out;
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  for (int t = 0; t < senders; ++t) {
    threads.emplace_back([&, t] {
      std::vector<double> mine;
      for (uint64_t i = t; i < total; i += senders) {
        std::this_thread::sleep_until(start + std::chrono::duration<double>(i / per_second));
        mine.push_back(send(i));
      }
      std::lock_guard lock(mu);
      out.insert(out.end(), mine.begin(), mine.end());
    });
  }
  for (auto& th : threads) th.join();
  return out;
}

double Since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// The log's group-commit batches so far (WriteBatch + WAL sync), from the server's own
// /metrics: how many in all, and how many took longer than 5, 10 and 25 ms. Scraped before and
// after the load, they show in the same run whether the disk stalled.
struct LogBatches {
  double total = 0, over_5ms = 0, over_10ms = 0, over_25ms = 0;
  LogBatches operator-(const LogBatches& o) const {
    return {total - o.total, over_5ms - o.over_5ms, over_10ms - o.over_10ms,
            over_25ms - o.over_25ms};
  }
};

LogBatches ScrapeLogBatches(uint16_t port) {
  HttpClient client("127.0.0.1", port);
  auto reply = client.Request("GET", "/metrics", "", {});
  LogBatches out;
  if (!reply.ok() || reply->status != 200) return out;
  std::map<std::string, double> buckets;  // le -> cumulative count
  std::istringstream lines(reply->body);
  const std::string bucket = "switchboard_append_seconds_bucket{le=\"";
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(bucket, 0) == 0) {
      const size_t end = line.find('"', bucket.size());
      buckets[line.substr(bucket.size(), end - bucket.size())] =
          std::stod(line.substr(line.rfind(' ') + 1));
    } else if (line.rfind("switchboard_append_seconds_count ", 0) == 0) {
      out.total = std::stod(line.substr(line.rfind(' ') + 1));
    }
  }
  out.over_5ms = out.total - buckets["0.005"];
  out.over_10ms = out.total - buckets["0.01"];
  out.over_25ms = out.total - buckets["0.025"];
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  size_t agents = 5000;
  double rate = 1000, seconds = 4;
  size_t agent_sockets = 5000;
  int senders = 8;
  std::string timeline;
  bool accept = false;
  po::options_description options("bench_routing options");
  options.add_options()("help", "this help")("agents", po::value(&agents)->default_value(5000),
                                             "online agents in the tenant")(
      "rate", po::value(&rate)->default_value(1000), "inbound calls per second")(
      "seconds", po::value(&seconds)->default_value(4), "length of the load")(
      "senders", po::value(&senders)->default_value(8), "webhook sender threads")(
      "agent-sockets", po::value(&agent_sockets)->default_value(5000),
      "agent consoles connected (those offered first; the goal needs every offered one)")(
      "timeline", po::value(&timeline), "write each agent offer's send time and latency here")(
      "accept", po::bool_switch(&accept), "agents accept their offers as they arrive");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, options), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    fprintf(stderr, "bench_routing: %s\n", e.what());
    return 2;
  }
  if (vm.count("help")) {
    printf("%s", (std::ostringstream() << options).str().c_str());
    return 0;
  }
  if (rate * seconds > static_cast<double>(agents)) {
    fprintf(stderr, "bench_routing: rate x seconds must not exceed agents (one offer each)\n");
    return 2;
  }
  char tmpl[] = "/tmp/bench-routing-XXXXXX";
  const std::string dir = mkdtemp(tmpl);

  http::api::AppOptions app_options;
  app_options.data_dir = dir;
  app_options.jwt_secret = kSecret;
  app_options.server.port = 0;
  app_options.server.ws_idle_timeout = std::chrono::minutes(5);
  app_options.api.public_url = kPublicUrl;
  auto started = http::api::App::Start(app_options);
  if (!started.ok()) {
    fprintf(stderr, "bench_routing: %s\n", started.status().ToString().c_str());
    return 1;
  }
  auto& app = *started.value();
  while (!app.ready()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto& runtime = app.runtime();
  const uint16_t port = app.port();

  // The tenant: a Twilio number, a queue whose offers outlast the run, online agents (the
  // agents whose consoles are connected come online first, so longest-idle offers them first).
  domain::RegisterProvider provider;
  provider.account.provider_name = "Twilio";
  provider.account.provider_type = "twilio";
  provider.account.account_sid = kAccountSid;
  provider.account.auth_token = kAuthToken;
  provider.account.phone_number = "+14155550199";
  provider.account.settings = R"({"answer_url":"https://app.example.com/twiml"})";
  size_t failed = Drive<domain::ProviderDecider>(
      runtime, 1, [&](size_t) { return Command<domain::ProviderDecider>("twilio", provider); });
  domain::ConfigureQueue queue;
  queue.config.name = "Default";
  queue.config.offer_timeout_seconds = 3600;
  queue.config.wrap_up_seconds = 0;
  failed += Drive<domain::QueueDecider>(
      runtime, 1, [&](size_t) { return Command<domain::QueueDecider>("default", queue); });
  auto agent_id = [](size_t i) { return "a-" + std::to_string(i); };
  failed += Drive<domain::AgentDecider>(runtime, agents, [&](size_t i) {
    domain::RegisterAgent reg;
    reg.profile.name = "Agent " + std::to_string(i);
    reg.profile.skills = {{"support", 5}};
    return Command<domain::AgentDecider>(agent_id(i), reg);
  });
  failed += Drive<domain::AgentDecider>(runtime, agents, [&](size_t i) {
    return Command<domain::AgentDecider>(
        agent_id(i), domain::ChangeAgentStatus{domain::AgentStatus::kOnline, "shift"});
  });
  if (failed) fprintf(stderr, "bench_routing: %zu setup commands failed\n", failed);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the router folds the setup

  // Baseline: the same rate of GET /healthz.
  auto healthz = Paced(senders, rate, std::min(seconds, 2.0), [&](uint64_t) {
    thread_local HttpClient client("127.0.0.1", port);
    const auto t0 = Clock::now();
    auto reply = client.Request("GET", "/healthz", "", {});
    return reply.ok() ? Since(t0) : -1.0;
  });
  healthz.erase(std::remove(healthz.begin(), healthz.end(), -1.0), healthz.end());

  // Offer frames, by call id, as they arrive: console 0 is the supervisor's, the rest agents'.
  std::mutex mu;
  std::map<std::string, Clock::time_point> sent;  // call id -> webhook sent
  std::vector<double> supervisor_ms, agent_ms;
  std::vector<std::pair<Clock::time_point, double>> agent_timeline;  // (sent, ms)
  std::atomic<size_t> accepted{0};
  std::vector<std::string> targets = {"/ws?token=" + Token("supervisor", "sup")};
  for (size_t i = 0; i < std::min(agents, agent_sockets); ++i) {
    targets.push_back("/ws?token=" + Token("agent", agent_id(i)));
  }
  auto swarm = bench::WsSwarm::Connect(port, targets, [&](size_t console, std::string_view text) {
    const auto now = Clock::now();
    boost::system::error_code ec;
    auto frame = boost::json::parse(text, ec);
    if (ec || !frame.is_object()) return;
    const auto& type = frame.at("type").as_string();
    const bool offer = console == 0 ? type == "task-offered" : type == "call-offer";
    if (!offer) return;
    const std::string call(frame.at("data").at("task_id").as_string());
    if (accept && console != 0) {
      domain::AcceptOffer take{std::string(frame.at("data").at("offer_id").as_string()),
                               agent_id(console - 1)};
      runtime.Ask<domain::QueueDecider>(
          Command<domain::QueueDecider>("default", std::move(take)),
          [&accepted](Result<actors::EntityReply<domain::QueueDecider>> r) {
            if (r.ok() && r.value().ok()) ++accepted;
          });
    }
    std::lock_guard lock(mu);
    auto it = sent.find(call);
    if (it == sent.end()) return;
    const double ms = std::chrono::duration<double, std::milli>(now - it->second).count();
    (console == 0 ? supervisor_ms : agent_ms).push_back(ms);
    if (console != 0) agent_timeline.emplace_back(it->second, ms);
  });
  if (!swarm.ok()) {
    fprintf(stderr, "bench_routing: %s\n", swarm.status().ToString().c_str());
    return 1;
  }

  // The load: Twilio's incoming-call webhook, signed, at `rate`.
  const auto cpu_before = bench::TakeCpuSnapshot();
  const LogBatches batches_before = ScrapeLogBatches(port);
  const uint64_t position_before = app.store().LastPosition();
  std::atomic<uint64_t> rejected{0};
  auto webhooks = Paced(senders, rate, seconds, [&](uint64_t i) {
    thread_local HttpClient client("127.0.0.1", port);
    const std::string sid = "CA" + std::to_string(1000000 + i);
    const providers::FormFields form = {{"AccountSid", kAccountSid}, {"CallSid", sid},
                                        {"CallStatus", "ringing"},   {"Direction", "inbound"},
                                        {"From", "+14155550123"},    {"To", "+14155550199"}};
    const std::string target = std::string("/api/webhooks/call/incoming?tenant=") + kTenant;
    const std::string signature =
        webhooks::ComputeTwilioSignature(kAuthToken, std::string(kPublicUrl) + target, form);
    {
      std::lock_guard lock(mu);
      sent[http::api::InboundCallId(kTenant, "twilio", sid)] = Clock::now();
    }
    const auto t0 = Clock::now();
    auto reply =
        client.Request("POST", target, providers::FormEncode(form),
                       {{"X-Twilio-Signature", signature}}, "application/x-www-form-urlencoded");
    if (!reply.ok() || reply->status != 200) {
      ++rejected;
      return -1.0;
    }
    return Since(t0);
  });
  webhooks.erase(std::remove(webhooks.begin(), webhooks.end(), -1.0), webhooks.end());
  // Offers still in the pipeline arrive within a few seconds, or are counted as missing.
  const size_t expected = static_cast<size_t>(rate * seconds) - rejected;
  const size_t agents_offered = std::min(expected, targets.size() - 1);
  for (int i = 0; i < 100; ++i) {
    {
      std::lock_guard lock(mu);
      if (supervisor_ms.size() >= expected && agent_ms.size() >= agents_offered) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // Server and bench client together (they share the process): for comparing builds, on a
  // machine whose latency varies from hour to hour more than its CPU cost does.
  const auto cpu_shares = bench::CpuByGroup(cpu_before, bench::TakeCpuSnapshot());
  const double cpu_us_per_task = bench::TotalSeconds(cpu_shares) * 1e6 / (rate * seconds);
  const LogBatches batches = ScrapeLogBatches(port) - batches_before;
  const uint64_t events_logged = app.store().LastPosition() - position_before;
  swarm.value().reset();

  const auto base = Summarize(healthz);
  const auto hook = Summarize(webhooks);
  std::lock_guard lock(mu);
  const auto offer = Summarize(supervisor_ms);
  const auto agent_offer = Summarize(agent_ms);
  printf("baseline GET /healthz at %.0f/s:     p50 %.2f ms  p99 %.2f ms\n", rate, base.p50,
         base.p99);
  printf("incoming webhook round trip:        p50 %.2f ms  p99 %.2f ms  (%llu refused)\n", hook.p50,
         hook.p99, static_cast<unsigned long long>(rejected.load()));
  printf(
      "webhook -> task-offered (supervisor): p50 %.2f ms  p99 %.2f ms  max %.2f ms  (%zu of %zu)\n",
      offer.p50, offer.p99, offer.max, supervisor_ms.size(), expected);
  printf(
      "webhook -> call-offer (agent):        p50 %.2f ms  p99 %.2f ms  max %.2f ms  (%zu of %zu,"
      " %zu consoles open)\n",
      agent_offer.p50, agent_offer.p99, agent_offer.max, agent_ms.size(), expected,
      targets.size() - 1);
  if (accept) printf("offers accepted (in process): %zu\n", accepted.load());
  printf("CPU per task, server and client: %s\n",
         bench::FormatCpuPer(cpu_shares, rate * seconds).c_str());
  printf(
      "log batches during the load (write + sync): %.0f for %.1f events per task, slower than"
      " 5 ms: %.0f, 10 ms: %.0f, 25 ms: %.0f\n",
      batches.total, static_cast<double>(events_logged) / (rate * seconds), batches.over_5ms,
      batches.over_10ms, batches.over_25ms);
  if (!timeline.empty()) {
    std::sort(agent_timeline.begin(), agent_timeline.end());
    if (FILE* out = fopen(timeline.c_str(), "w")) {
      for (const auto& [at, ms] : agent_timeline) {
        fprintf(out, "%.3f %.3f\n",
                std::chrono::duration<double, std::milli>(at.time_since_epoch()).count(), ms);
      }
      fclose(out);
    } else {
      fprintf(stderr, "bench_routing: cannot write %s\n", timeline.c_str());
    }
  }
  const bool met = agent_offer.p99 <= 10.0 && agent_ms.size() == expected;
  printf(
      "{\"bench\":\"routing\",\"agents\":%zu,\"consoles\":%zu,\"rate\":%.0f,\"seconds\":%.1f,"
      "\"tasks\":%zu,\"agent_offers\":%zu,\"agent_offer_p50_ms\":%.2f,\"agent_offer_p99_ms\":%.2f,"
      "\"agent_offer_max_ms\":%.2f,\"supervisor_offers\":%zu,\"supervisor_offer_p99_ms\":%.2f,"
      "\"webhook_p99_ms\":%.2f,\"baseline_healthz_p99_ms\":%.2f,\"cpu_us_per_task\":%.0f,"
      "\"log_batches\":%.0f,\"log_batches_over_5ms\":%.0f,\"log_batches_over_10ms\":%.0f,"
      "\"goal_p99_ms\":10,"
      "\"met\":%s}\n",
      agents, targets.size() - 1, rate, seconds, expected, agent_ms.size(), agent_offer.p50,
      agent_offer.p99, agent_offer.max, supervisor_ms.size(), offer.p99, hook.p99, base.p99,
      cpu_us_per_task, batches.total, batches.over_5ms, batches.over_10ms, met ? "true" : "false");
  started.value().reset();  // stops the server before its data goes
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return 0;
}
