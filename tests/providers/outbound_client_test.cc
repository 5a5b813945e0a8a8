// OutboundClient against a FakeProvider on 127.0.0.1: the exact request on the wire, slow,
// failing, dropping and silent providers (timeouts bounded to a few hundred ms), HTTPS with a
// CA made at test time, Stop with requests in flight, and a whole Twilio dial end to end.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <thread>

#include "http/providers/dial_result.h"
#include "http/providers/outbound_client.h"
#include "http/providers/twilio.h"
#include "tests/providers/fake_provider.h"
#include "tests/providers/sample_configs.h"
#include "tests/providers/test_pki.h"
#include "tests/providers/wire_decode.h"
#include "tests/support/temp_dir.h"

namespace {

using namespace std::chrono_literals;
using sb::Result;
using sb::Status;
using sb::providers::OutboundClient;
using sb::providers::OutboundClientOptions;
using sb::providers::OutboundRequest;
using sb::providers::OutboundResponse;
using sb::testing::Behavior;
using sb::testing::FakeProvider;
using Clock = std::chrono::steady_clock;

// Collects callback invocations: how many, on which thread, with what.
class Calls {
 public:
  sb::providers::OutboundCallback Callback() {
    return [this](Result<OutboundResponse> r) {
      std::lock_guard lock(mu_);
      results_.push_back(std::move(r));
      threads_.push_back(std::this_thread::get_id());
      cv_.notify_all();
    };
  }
  bool Wait(size_t n, std::chrono::milliseconds timeout = 5s) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return results_.size() >= n; });
  }
  size_t count() {
    std::lock_guard lock(mu_);
    return results_.size();
  }
  Result<OutboundResponse> at(size_t i) {
    std::lock_guard lock(mu_);
    return results_.at(i);
  }
  std::thread::id thread(size_t i) {
    std::lock_guard lock(mu_);
    return threads_.at(i);
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Result<OutboundResponse>> results_;
  std::vector<std::thread::id> threads_;
};

std::unique_ptr<OutboundClient> NewClient(OutboundClientOptions options = {}) {
  auto client = OutboundClient::Create(std::move(options));
  INFO(client.status().ToString());
  REQUIRE(client.ok());
  return std::move(client.value());
}

OutboundRequest Post(const std::string& url, std::chrono::milliseconds total = 2000ms) {
  OutboundRequest r;
  r.method = "POST";
  r.url = url;
  r.headers = {{"Authorization", "Basic dXNlcjpwYXNz"}, {"X-Trace", "a&b+c"}};
  r.body = "To=%2B14155550100&From=%2B14155550101";
  r.content_type = "application/x-www-form-urlencoded";
  r.total_timeout = total;
  r.connect_timeout = std::min<std::chrono::milliseconds>(total, 1000ms);
  return r;
}

std::string WriteFile(const sb::testing::TempDir& dir, const std::string& name,
                      const std::string& text) {
  const std::string path = dir.Sub(name);
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("client sends the exact request and returns the answer on its own thread",
          "[providers][client]") {
  FakeProvider provider;
  Behavior b;
  b.status = 201;
  b.body = R"({"sid":"CA1"})";
  provider.SetBehavior(b);
  auto client = NewClient();
  Calls calls;
  client->Send(Post(provider.base_url() + "/2010-04-01/Accounts/AC1/Calls.json?x=1"),
               calls.Callback());
  REQUIRE(calls.Wait(1));
  auto r = calls.at(0);
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  REQUIRE(r->status == 201);
  REQUIRE(r->body == R"({"sid":"CA1"})");
  REQUIRE(r->Header("content-type") == "application/json");
  REQUIRE(calls.thread(0) != std::this_thread::get_id());

  const auto requests = provider.requests();
  REQUIRE(requests.size() == 1);
  const auto& got = requests[0];
  REQUIRE(got.method == "POST");
  REQUIRE(got.target == "/2010-04-01/Accounts/AC1/Calls.json?x=1");
  REQUIRE(got.Header("Host") == "127.0.0.1:" + std::to_string(provider.port()));
  REQUIRE(got.Header("Authorization") == "Basic dXNlcjpwYXNz");
  REQUIRE(got.Header("X-Trace") == "a&b+c");
  REQUIRE(got.Header("Content-Type") == "application/x-www-form-urlencoded");
  REQUIRE(got.Header("Content-Length") == std::to_string(got.body.size()));
  REQUIRE(got.Header("Connection") == "close");
  REQUIRE(got.body == "To=%2B14155550100&From=%2B14155550101");
  client->Stop();
  REQUIRE(calls.count() == 1);
}

TEST_CASE("a slow answer within the timeout arrives and a 500 is a response",
          "[providers][client]") {
  FakeProvider provider;
  Behavior b;
  b.delay = 150ms;
  b.status = 500;
  b.body = R"({"code":20500,"message":"Internal Server Error"})";
  provider.SetBehavior(b);
  auto client = NewClient();
  Calls calls;
  client->Send(Post(provider.base_url() + "/slow", 2000ms), calls.Callback());
  REQUIRE(calls.Wait(1));
  auto r = calls.at(0);
  REQUIRE(r.ok());
  REQUIRE(r->status == 500);
  auto parsed = sb::providers::ParseTwilioDialResponse(r->status, r->body);
  REQUIRE(sb::providers::IsRetryable(parsed.status()));
}

TEST_CASE("a provider that never answers hits the total timeout", "[providers][client]") {
  FakeProvider provider;
  Behavior b;
  b.reply = Behavior::Reply::kNever;
  provider.SetBehavior(b);
  auto client = NewClient();
  Calls calls;
  const auto start = Clock::now();
  client->Send(Post(provider.base_url() + "/never", 250ms), calls.Callback());
  REQUIRE(calls.Wait(1, 5s));
  const auto elapsed = Clock::now() - start;
  auto r = calls.at(0);
  INFO(r.status().ToString());
  REQUIRE(r.status().code() == Status::Code::kUnavailable);
  REQUIRE(r.status().message().find("timed out") != std::string::npos);
  REQUIRE(elapsed >= 250ms);
  REQUIRE(elapsed < 2s);
  REQUIRE(provider.requests().size() == 1);  // it was sent; the answer never came
}

TEST_CASE("an answer slower than the total timeout is cut", "[providers][client]") {
  FakeProvider provider;
  Behavior b;
  b.delay = 1500ms;
  provider.SetBehavior(b);
  auto client = NewClient();
  Calls calls;
  client->Send(Post(provider.base_url() + "/late", 200ms), calls.Callback());
  REQUIRE(calls.Wait(1, 5s));
  REQUIRE(calls.at(0).status().code() == Status::Code::kUnavailable);
  REQUIRE(calls.at(0).status().message().find("timed out") != std::string::npos);
}

TEST_CASE("a dropped connection and a refused one are retryable failures", "[providers][client]") {
  auto client = NewClient();
  Calls calls;
  {
    FakeProvider provider;
    Behavior b;
    b.reply = Behavior::Reply::kDrop;
    provider.SetBehavior(b);
    client->Send(Post(provider.base_url() + "/drop"), calls.Callback());
    REQUIRE(calls.Wait(1));
    REQUIRE(provider.requests().size() == 1);
  }
  std::string refused_url;
  {
    FakeProvider gone;
    refused_url = gone.base_url() + "/x";
  }  // stopped: nothing listens on its port now
  client->Send(Post(refused_url), calls.Callback());
  REQUIRE(calls.Wait(2));
  for (size_t i = 0; i < 2; ++i) {
    INFO(calls.at(i).status().ToString());
    REQUIRE(calls.at(i).status().code() == Status::Code::kUnavailable);
    REQUIRE(sb::providers::IsRetryable(calls.at(i).status()));
  }
  REQUIRE(calls.at(1).status().message().find("connect") != std::string::npos);
}

TEST_CASE("the connect timeout bounds a connect that never completes", "[providers][client]") {
  // A listener with a full accept queue: Linux drops further SYNs, so a connect hangs until
  // the client gives up (no packet leaves 127.0.0.1).
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(listener >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(::listen(listener, 0) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  std::vector<int> fillers;
  for (int i = 0; i < 3; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    REQUIRE(fd >= 0);
    ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);  // EINPROGRESS
    fillers.push_back(fd);
  }
  auto client = NewClient();
  Calls calls;
  OutboundRequest r =
      Post("http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/backlog", 5000ms);
  r.connect_timeout = 200ms;
  const auto start = Clock::now();
  client->Send(r, calls.Callback());
  REQUIRE(calls.Wait(1, 5s));
  const auto elapsed = Clock::now() - start;
  client->Stop();
  for (int fd : fillers) ::close(fd);
  ::close(listener);
  INFO(calls.at(0).status().ToString());
  REQUIRE(calls.at(0).status().code() == Status::Code::kUnavailable);
  REQUIRE(calls.at(0).status().message().find("connect timed out") != std::string::npos);
  REQUIRE(elapsed >= 200ms);
  REQUIRE(elapsed < 2s);  // the connect timeout, not the 5 s total
}

TEST_CASE("HTTPS verifies the chain and the host name", "[providers][client][tls]") {
  const auto pki = sb::testing::MakeTestPki("127.0.0.1");
  FakeProvider provider(FakeProvider::Tls{pki.server_cert_pem, pki.server_key_pem});
  Behavior b;
  b.status = 200;
  b.body = R"({"id":"chan-1"})";
  provider.SetBehavior(b);
  sb::testing::TempDir dir;
  const std::string ca_file = WriteFile(dir, "ca.pem", pki.ca_cert_pem);

  SECTION("with the test CA the request succeeds") {
    OutboundClientOptions options;
    options.ca_file = ca_file;
    auto client = NewClient(options);
    Calls calls;
    client->Send(Post(provider.base_url() + "/ari/channels?endpoint=x"), calls.Callback());
    REQUIRE(calls.Wait(1));
    INFO(calls.at(0).status().ToString());
    REQUIRE(calls.at(0).ok());
    REQUIRE(calls.at(0)->body == R"({"id":"chan-1"})");
    REQUIRE(provider.requests().size() == 1);
    REQUIRE(provider.requests()[0].target == "/ari/channels?endpoint=x");
  }
  SECTION("without it (system store only) verification fails and nothing is sent") {
    auto client = NewClient();
    Calls calls;
    client->Send(Post(provider.base_url() + "/ari/channels"), calls.Callback());
    REQUIRE(calls.Wait(1));
    const Status s = calls.at(0).status();
    INFO(s.ToString());
    REQUIRE(s.code() == Status::Code::kUnavailable);
    REQUIRE(s.message().find("TLS handshake") != std::string::npos);
    REQUIRE(s.message().find("certificate verify failed") != std::string::npos);
    REQUIRE(provider.requests().empty());
  }
  SECTION("with the CA but another host name (localhost) the name check fails") {
    OutboundClientOptions options;
    options.ca_file = ca_file;
    auto client = NewClient(options);
    Calls calls;
    client->Send(Post("https://localhost:" + std::to_string(provider.port()) + "/x"),
                 calls.Callback());
    REQUIRE(calls.Wait(1));
    const Status s = calls.at(0).status();
    INFO(s.ToString());
    REQUIRE(!s.ok());
    REQUIRE(provider.requests().empty());
  }
  SECTION("a CA file that does not exist fails Create") {
    OutboundClientOptions options;
    options.ca_file = dir.Sub("missing.pem");
    auto client = OutboundClient::Create(options);
    REQUIRE(client.status().IsIOError());
  }
}

TEST_CASE("Stop cancels in-flight requests: each callback once, with Unavailable",
          "[providers][client]") {
  FakeProvider provider;
  Behavior b;
  b.reply = Behavior::Reply::kNever;
  provider.SetBehavior(b);
  auto client = NewClient();
  Calls calls;
  for (int i = 0; i < 3; ++i)
    client->Send(Post(provider.base_url() + "/hang", 30s), calls.Callback());
  REQUIRE(provider.WaitForRequests(3, 5s));
  REQUIRE(client->in_flight() == 3);
  REQUIRE(calls.count() == 0);
  client->Stop();  // joins: every callback has run when it returns
  REQUIRE(calls.count() == 3);
  for (size_t i = 0; i < 3; ++i) {
    REQUIRE(calls.at(i).status().code() == Status::Code::kUnavailable);
    REQUIRE(calls.at(i).status().message().find("stopped") != std::string::npos);
  }
  REQUIRE(client->in_flight() == 0);
  // After Stop: refused at once, on the calling thread.
  client->Send(Post(provider.base_url() + "/late"), calls.Callback());
  REQUIRE(calls.count() == 4);
  REQUIRE(calls.thread(3) == std::this_thread::get_id());
  REQUIRE(calls.at(3).status().code() == Status::Code::kUnavailable);
  client->Stop();  // idempotent
  REQUIRE(calls.count() == 4);
}

TEST_CASE("bad requests fail through the callback and a throwing callback is contained",
          "[providers][client]") {
  FakeProvider provider;
  auto client = NewClient();
  Calls calls;
  client->Send(Post("ftp://127.0.0.1/x"), calls.Callback());
  OutboundRequest injected = Post(provider.base_url() + "/x");
  injected.headers.emplace_back("X-Evil", "a\r\nInjected: 1");
  client->Send(injected, calls.Callback());
  REQUIRE(calls.Wait(2));
  REQUIRE(calls.at(0).status().IsInvalidArgument());
  REQUIRE(calls.at(1).status().IsInvalidArgument());
  REQUIRE(calls.thread(0) != std::this_thread::get_id());

  client->Send(Post(provider.base_url() + "/x"),
               [](Result<OutboundResponse>) { throw std::runtime_error("callback bug"); });
  client->Send(Post(provider.base_url() + "/y"), calls.Callback());
  REQUIRE(calls.Wait(3));
  REQUIRE(calls.at(2).ok());  // the client's thread survived the throw
  REQUIRE(provider.requests().size() == 2);
}

TEST_CASE("a Twilio dial end to end: build, send, parse", "[providers][client][twilio]") {
  FakeProvider provider;
  Behavior b;
  b.status = 201;
  b.body = R"({"sid":"CAe2e","status":"queued"})";
  provider.SetBehavior(b);
  auto config = sb::testing::TwilioConfig();
  config.api_url = provider.base_url();
  sb::providers::DialRequest dial;
  dial.to = "+14155550100";
  auto request = sb::providers::BuildTwilioDial(config, dial);
  REQUIRE(request.ok());
  auto client = NewClient();
  Calls calls;
  client->Send(*request, calls.Callback());
  REQUIRE(calls.Wait(1));
  auto response = calls.at(0);
  REQUIRE(response.ok());
  auto accepted = sb::providers::ParseTwilioDialResponse(response->status, response->body);
  REQUIRE(accepted.ok());
  REQUIRE(accepted->provider_call_id == "CAe2e");

  const auto got = provider.requests().at(0);
  REQUIRE(got.target == "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json");
  REQUIRE(sb::testing::DecodeBasic(*got.Header("Authorization")) ==
          "AC0123456789abcdef0123456789abcdef:tok&en+/=");
  const auto form = sb::testing::DecodeForm(got.body);
  REQUIRE(sb::testing::Value(form, "To") == "+14155550100");
}
