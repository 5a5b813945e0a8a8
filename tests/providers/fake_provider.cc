#include "tests/providers/fake_provider.h"

#include <strings.h>

#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace sb::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;

std::optional<std::string> RecordedRequest::Header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n.size() == name.size() && ::strncasecmp(n.data(), name.data(), name.size()) == 0) {
      return v;
    }
  }
  return std::nullopt;
}

struct FakeProvider::Impl {
  asio::io_context ioc{1};
  std::optional<ssl::context> tls;
  tcp::acceptor acceptor{ioc};
  std::thread thread;
  uint16_t port = 0;

  mutable std::mutex mu;
  mutable std::condition_variable cv;
  Behavior behavior;
  std::vector<RecordedRequest> requests;
  int connections = 0;
  std::vector<std::shared_ptr<void>> parked;  // kNever sessions, kept open until Stop
  bool stopped = false;

  Behavior CurrentBehavior() {
    std::lock_guard lock(mu);
    return behavior;
  }
  void Record(RecordedRequest r) {
    {
      std::lock_guard lock(mu);
      requests.push_back(std::move(r));
    }
    cv.notify_all();
  }
  void Accept();
};

namespace {

// One connection: [TLS handshake,] read one request, record it, act on the Behavior.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  Session(FakeProvider::Impl& impl, Stream stream)
      : impl_(impl), stream_(std::move(stream)), timer_(impl.ioc) {}

  void Start() {
    if constexpr (std::is_same_v<Stream, beast::ssl_stream<beast::tcp_stream>>) {
      stream_.async_handshake(ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (!ec) self->Read();
                              });
    } else {
      Read();
    }
  }

 private:
  void Read() {
    bhttp::async_read(stream_, buffer_, request_,
                      [self = this->shared_from_this()](beast::error_code ec, size_t) {
                        if (!ec) self->OnRequest();
                      });
  }

  void OnRequest() {
    RecordedRequest r;
    r.method = std::string(request_.method_string());
    r.target = std::string(request_.target());
    for (const auto& f : request_) {
      r.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    }
    r.body = request_.body();
    impl_.Record(std::move(r));
    const Behavior b = impl_.CurrentBehavior();
    switch (b.reply) {
      case Behavior::Reply::kDrop: {
        beast::error_code ignored;
        beast::get_lowest_layer(stream_).socket().close(ignored);
        return;
      }
      case Behavior::Reply::kNever: {
        std::lock_guard lock(impl_.mu);
        impl_.parked.push_back(this->shared_from_this());
        return;
      }
      case Behavior::Reply::kAnswer:
        break;
    }
    response_.version(11);
    response_.result(static_cast<unsigned>(b.status));
    response_.set(bhttp::field::content_type, b.content_type);
    response_.set(bhttp::field::connection, "close");
    response_.body() = b.body;
    response_.prepare_payload();
    timer_.expires_after(b.delay);
    timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
      if (ec) return;
      bhttp::async_write(self->stream_, self->response_, [self](beast::error_code, size_t) {
        beast::error_code ignored;
        beast::get_lowest_layer(self->stream_)
            .socket()
            .shutdown(tcp::socket::shutdown_send, ignored);
      });
    });
  }

  FakeProvider::Impl& impl_;
  Stream stream_;
  asio::steady_timer timer_;
  beast::flat_buffer buffer_;
  bhttp::request<bhttp::string_body> request_;
  bhttp::response<bhttp::string_body> response_;
};

}  // namespace

void FakeProvider::Impl::Accept() {
  acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (ec) return;  // closed by Stop
    {
      std::lock_guard lock(mu);
      ++connections;
    }
    beast::tcp_stream plain(std::move(socket));
    if (tls) {
      using S = beast::ssl_stream<beast::tcp_stream>;
      std::make_shared<Session<S>>(*this, S(std::move(plain), *tls))->Start();
    } else {
      std::make_shared<Session<beast::tcp_stream>>(*this, std::move(plain))->Start();
    }
    Accept();
  });
}

FakeProvider::FakeProvider(std::optional<Tls> tls) : impl_(std::make_unique<Impl>()) {
  if (tls) {
    impl_->tls.emplace(ssl::context::tls_server);
    impl_->tls->use_certificate_chain(asio::buffer(tls->cert_pem));
    impl_->tls->use_private_key(asio::buffer(tls->key_pem), ssl::context::pem);
  }
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  impl_->port = impl_->acceptor.local_endpoint().port();
  impl_->Accept();
  impl_->thread = std::thread([this] { impl_->ioc.run(); });
}

FakeProvider::~FakeProvider() { Stop(); }

uint16_t FakeProvider::port() const { return impl_->port; }

std::string FakeProvider::base_url() const {
  return std::string(impl_->tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port());
}

void FakeProvider::SetBehavior(Behavior behavior) {
  std::lock_guard lock(impl_->mu);
  impl_->behavior = std::move(behavior);
}

std::vector<RecordedRequest> FakeProvider::requests() const {
  std::lock_guard lock(impl_->mu);
  return impl_->requests;
}

bool FakeProvider::WaitForRequests(size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(impl_->mu);
  return impl_->cv.wait_for(lock, timeout, [&] { return impl_->requests.size() >= n; });
}

int FakeProvider::connections() const {
  std::lock_guard lock(impl_->mu);
  return impl_->connections;
}

void FakeProvider::Stop() {
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->stopped) return;
    impl_->stopped = true;
  }
  impl_->ioc.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  std::lock_guard lock(impl_->mu);
  impl_->parked.clear();
}

}  // namespace sb::testing
