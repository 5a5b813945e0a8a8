#include "http/metrics/counting_session.h"

#include <utility>

namespace sb::http::metrics {
namespace {

class CountingSession : public WebSocketSession {
 public:
  CountingSession(std::shared_ptr<WebSocketSession> inner,
                  std::shared_ptr<std::atomic<int64_t>> open)
      : inner_(std::move(inner)), open_(std::move(open)) {}

  // The server calls a session one call at a time, so `opened_` needs no atomic.
  void OnOpen(std::shared_ptr<WebSocketPeer> peer) override {
    opened_ = true;
    ++*open_;
    inner_->OnOpen(std::move(peer));
  }
  void OnMessage(std::string text) override { inner_->OnMessage(std::move(text)); }
  void OnClose() override {
    // Decrement first: the inner OnClose may throw (the server catches it), and the gauge
    // must come down whatever the application does.
    if (opened_) --*open_;
    opened_ = false;
    inner_->OnClose();
  }

 private:
  std::shared_ptr<WebSocketSession> inner_;
  std::shared_ptr<std::atomic<int64_t>> open_;
  bool opened_ = false;
};

}  // namespace

WebSocketAcceptor CountingAcceptor(WebSocketAcceptor inner,
                                   std::shared_ptr<std::atomic<int64_t>> open) {
  return [inner = std::move(inner), open = std::move(open)](
             const Request& request) -> std::variant<std::shared_ptr<WebSocketSession>, Response> {
    auto decided = inner(request);
    if (auto* session = std::get_if<std::shared_ptr<WebSocketSession>>(&decided)) {
      if (*session) return std::make_shared<CountingSession>(std::move(*session), open);
    }
    return decided;
  };
}

}  // namespace sb::http::metrics
