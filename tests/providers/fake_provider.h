// FakeProvider: a provider API stand-in on 127.0.0.1 (plain HTTP or HTTPS) for OutboundClient
// tests. It records every request exactly as received and answers per its Behavior: at once or
// after a delay, with any status and body, by dropping the connection, or never. Beast stays
// in fake_provider.cc.
#ifndef SWITCHBOARD_TESTS_PROVIDERS_FAKE_PROVIDER_H_
#define SWITCHBOARD_TESTS_PROVIDERS_FAKE_PROVIDER_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sb::testing {

struct RecordedRequest {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::optional<std::string> Header(std::string_view name) const;
};

struct Behavior {
  enum class Reply { kAnswer, kDrop, kNever };
  Reply reply = Reply::kAnswer;
  int status = 200;
  std::string body = "{}";
  std::string content_type = "application/json";
  std::chrono::milliseconds delay{0};  // before answering
};

class FakeProvider {
 public:
  struct Tls {
    std::string cert_pem;
    std::string key_pem;
  };
  // Listens on 127.0.0.1, an OS-chosen port. Throws when it cannot.
  explicit FakeProvider(std::optional<Tls> tls = std::nullopt);
  ~FakeProvider();  // Stop()
  FakeProvider(const FakeProvider&) = delete;
  FakeProvider& operator=(const FakeProvider&) = delete;

  uint16_t port() const;
  std::string base_url() const;  // "http(s)://127.0.0.1:<port>"

  // For requests read from now on.
  void SetBehavior(Behavior behavior);
  std::vector<RecordedRequest> requests() const;
  // True once at least n requests were fully read.
  bool WaitForRequests(size_t n, std::chrono::milliseconds timeout) const;
  // TCP connections accepted (whether or not a request followed, e.g. a failed handshake).
  int connections() const;

  // Closes everything and joins the server thread. Idempotent.
  void Stop();

  struct Impl;  // public only so that the sessions in fake_provider.cc can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_PROVIDERS_FAKE_PROVIDER_H_
