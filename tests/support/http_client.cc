#include "tests/support/http_client.h"

#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "domain/ascii.h"
#include "tests/support/io_wait.h"

namespace sb::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr std::chrono::seconds kOperationTimeout{10};
constexpr uint64_t kMaxResponseBody = 64 << 20;

// A reused keep-alive connection the server closed meanwhile fails like this on first use.
bool IsStaleConnection(const beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe;
}

}  // namespace

std::optional<std::string> HttpReply::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (domain::EqualsIgnoreCase(key, name)) return value;
  }
  return std::nullopt;
}

boost::json::value HttpReply::Json() const { return boost::json::parse(body); }

struct HttpClient::Impl {
  std::string host;
  uint16_t port;
  asio::io_context ioc;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  int opened = 0;

  Result<beast::tcp_stream> Open() {
    beast::error_code ec;
    tcp::resolver resolver(ioc);
    auto endpoints = resolver.resolve(host, std::to_string(port), ec);
    if (ec) return Status::IOError("resolve " + host + ": " + ec.message());
    beast::tcp_stream s(ioc);
    s.expires_after(kOperationTimeout);
    ec = RunIo(ioc, [&](auto done) { s.async_connect(endpoints, done); });
    if (ec)
      return Status::IOError("connect " + host + ":" + std::to_string(port) + ": " + ec.message());
    s.socket().set_option(tcp::no_delay(true), ec);
    ++opened;
    return s;
  }

  void Drop() {
    if (!stream) return;
    beast::error_code ignored;
    stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream->close();
    stream.reset();
    buffer.consume(buffer.size());
  }
};

HttpClient::HttpClient(std::string host, uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
}

HttpClient::~HttpClient() { impl_->Drop(); }

int HttpClient::connections_opened() const { return impl_->opened; }

Result<HttpReply> HttpClient::Request(std::string method, std::string target, std::string body,
                                      HeaderList headers, std::string content_type) {
  Impl& m = *impl_;
  bhttp::request<bhttp::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(bhttp::field::host, m.host + ":" + std::to_string(m.port));
  req.set(bhttp::field::user_agent, "switchboard-test");
  for (const auto& [name, value] : headers) req.insert(name, value);
  if (!body.empty()) req.set(bhttp::field::content_type, content_type);
  req.body() = std::move(body);
  req.prepare_payload();

  for (int attempt = 0;; ++attempt) {
    const bool reused = m.stream.has_value();
    if (!m.stream) {
      auto opened = m.Open();
      if (!opened.ok()) return opened.status();
      m.stream.emplace(std::move(opened).value());
    }
    m.stream->expires_after(kOperationTimeout);
    beast::error_code ec =
        RunIo(m.ioc, [&](auto done) { bhttp::async_write(*m.stream, req, done); });
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(kMaxResponseBody);
    if (!ec) {
      m.stream->expires_after(kOperationTimeout);
      ec = RunIo(m.ioc, [&](auto done) { bhttp::async_read(*m.stream, m.buffer, parser, done); });
    }
    if (ec) {
      m.Drop();
      if (reused && attempt == 0 && IsStaleConnection(ec)) continue;
      return Status::IOError(method + " " + target + ": " + ec.message());
    }
    auto res = parser.release();
    HttpReply reply;
    reply.status = static_cast<int>(res.result_int());
    for (const auto& field : res) {
      reply.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    reply.body = std::move(res.body());
    if (!res.keep_alive()) m.Drop();
    return reply;
  }
}

Result<std::string> HttpClient::Raw(const std::string& bytes, std::chrono::milliseconds timeout) {
  Impl& m = *impl_;
  auto opened = m.Open();
  if (!opened.ok()) return opened.status();
  beast::tcp_stream s = std::move(opened).value();
  s.expires_after(timeout);
  const beast::error_code write_ec =
      RunIo(m.ioc, [&](auto done) { asio::async_write(s, asio::buffer(bytes), done); });
  // Read even when the write failed: the server may have answered and closed early.
  std::string received;
  char chunk[16 * 1024];
  for (;;) {
    size_t n = 0;
    const beast::error_code ec = RunIo(m.ioc, [&](auto done) {
      s.async_read_some(asio::buffer(chunk), [&n, done](beast::error_code e, size_t got) mutable {
        n = got;
        done(e, got);
      });
    });
    received.append(chunk, n);
    if (ec) break;  // closed, reset or timed out
  }
  beast::error_code ignored;
  s.socket().close(ignored);
  if (write_ec && received.empty()) return Status::IOError("raw write: " + write_ec.message());
  return received;
}

}  // namespace sb::testing
