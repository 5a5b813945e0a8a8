// switchboard serve: the server — log, actors, REST API and console WebSocket — until SIGINT
// or SIGTERM, then an orderly stop (in-flight appends complete before the log closes).
#include <signal.h>

#include <cstdlib>
#include <iostream>
#include <random>
#include <string>

#include "http/api/app.h"
#include "ops/cli_options.h"
#include "ops/commands.h"

namespace po = boost::program_options;

namespace sb::ops {
namespace {

// "host:port" or "[v6]:port".
bool ParseListen(const std::string& text, std::string* host, uint16_t* port) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  std::string h = text.substr(0, colon);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  const std::string p = text.substr(colon + 1);
  char* end = nullptr;
  const long value = std::strtol(p.c_str(), &end, 10);
  if (p.empty() || *end != '\0' || value < 0 || value > 65535) return false;
  *host = h;
  *port = static_cast<uint16_t>(value);
  return true;
}

std::string RandomSecret() {
  std::random_device device;
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 64; ++i) out.push_back(kHex[device() % 16]);
  return out;
}

}  // namespace

int RunServe(const std::vector<std::string>& args) {
  std::string listen, data, metrics_listen;
  bool dev = false;
  int64_t ring_timeout = 0, grace = 0, wrap_up = 0, passivate = 0, ws_idle_ms = 0;
  int io_threads = 0, actor_threads = 0;
  std::string from_phone, public_url, provider_ca_file;
  po::options_description options("options");
  options.add_options()("listen", po::value(&listen)->default_value("127.0.0.1:8080"),
                        "address:port to serve on")(
      "data", po::value(&data)->default_value("./data"), "data directory (the RocksDB log)")(
      "dev", po::bool_switch(&dev),
      "without SWITCHBOARD_JWT_SECRET, generate a secret and print it")(
      "ring-timeout", po::value(&ring_timeout)->default_value(30),
      "seconds a call may ring (or wait for the console's answer) before TIMEOUT")(
      "presence-grace", po::value(&grace)->default_value(15),
      "seconds a customer console may be gone before the customer is offline")(
      "wrap-up", po::value(&wrap_up)->default_value(0),
      "seconds of wrap-up after a call before the agent is available (0: none)")(
      "from-phone", po::value(&from_phone)->default_value(""), "caller id of PSTN calls")(
      "passivate-after", po::value(&passivate)->default_value(300),
      "seconds an idle entity actor stays in memory")(
      "ws-idle-timeout", po::value(&ws_idle_ms)->default_value(10000),
      "milliseconds without traffic before a console connection counts as dead")(
      "io-threads", po::value(&io_threads)->default_value(2), "HTTP I/O threads")(
      "actor-threads", po::value(&actor_threads)->default_value(2), "actor scheduler threads")(
      "metrics-listen", po::value(&metrics_listen)->default_value(""),
      "address:port to serve GET /metrics on, and only there (default: on --listen)")(
      "public-url", po::value(&public_url)->default_value(""),
      "our base URL as providers call it, e.g. https://sb.example.com (Twilio signs it; "
      "default: http://<Host header>)")(
      "provider-ca-file", po::value(&provider_ca_file)->default_value(""),
      "PEM file of the CAs trusted for provider APIs (default: the system store)");
  po::variables_map values;
  if (auto code = ParseCommandLine(
          "serve", "[--listen HOST:PORT] [--data DIR] [--dev] [--metrics-listen HOST:PORT]",
          options, args, &values)) {
    return *code;
  }

  http::api::AppOptions app;
  app.data_dir = data;
  if (!ParseListen(listen, &app.server.address, &app.server.port)) {
    std::cerr << "switchboard serve: --listen must be HOST:PORT, got '" << listen << "'\n";
    return 2;
  }
  if (!metrics_listen.empty()) {
    http::ServerOptions metrics_server;
    metrics_server.threads = 1;  // scrapes are rare and answered from memory
    if (!ParseListen(metrics_listen, &metrics_server.address, &metrics_server.port)) {
      std::cerr << "switchboard serve: --metrics-listen must be HOST:PORT, got '" << metrics_listen
                << "'\n";
      return 2;
    }
    app.metrics_server = metrics_server;
  }
  const char* secret = std::getenv("SWITCHBOARD_JWT_SECRET");
  if (secret && *secret) {
    app.jwt_secret = secret;
  } else if (dev) {
    app.jwt_secret = RandomSecret();
    std::cout << "switchboard serve: --dev secret (export it for `switchboard token`):\n"
              << "SWITCHBOARD_JWT_SECRET=" << app.jwt_secret << std::endl;
  } else {
    std::cerr << "switchboard serve: set SWITCHBOARD_JWT_SECRET (or pass --dev)\n";
    return 2;
  }
  if (ring_timeout < 1 || ring_timeout > 3600 || grace < 0 || grace > 3600 || wrap_up < 0 ||
      wrap_up > 86400 || passivate < 1 || ws_idle_ms < 100 || io_threads < 1 || actor_threads < 1) {
    std::cerr << "switchboard serve: an option is out of range (see --help)\n";
    return 2;
  }
  app.server.threads = io_threads;
  app.server.ws_idle_timeout = std::chrono::milliseconds(ws_idle_ms);
  app.runtime.scheduler_threads = actor_threads;
  app.runtime.click_to_call.ring_timeout_seconds = ring_timeout;
  app.runtime.click_to_call.from_phone = from_phone;
  app.runtime.entity.wrap_up_seconds = wrap_up;
  app.runtime.entity.passivate_after = std::chrono::seconds(passivate);
  app.api.presence_grace_seconds = grace;
  app.api.public_url = public_url;
  app.dialing.client.ca_file = provider_ca_file;

  // Every thread the app starts inherits this mask, so only sigwait below sees the signals.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto started = http::api::App::Start(std::move(app));
  if (!started.ok()) {
    std::cerr << "switchboard serve: " << started.status().ToString() << "\n";
    return 1;
  }
  auto& server = started.value();
  std::cout << "switchboard serve: listening on " << listen.substr(0, listen.rfind(':')) << ":"
            << server->port() << " (data " << data << ")" << std::endl;
  if (server->metrics_port() != 0) {
    std::cout << "switchboard serve: metrics on "
              << metrics_listen.substr(0, metrics_listen.rfind(':')) << ":"
              << server->metrics_port() << std::endl;
  }
  int received = 0;
  sigwait(&signals, &received);
  std::cout << "switchboard serve: stopping" << std::endl;
  server->Stop();
  return 0;
}

}  // namespace sb::ops
