// A toy application on the real Server: a Router with a handful of test routes, an echo
// WebSocket endpoint, and probes that record what the server told the application. Not the
// switchboard application; only what the http/ layer's tests need.
#ifndef SWITCHBOARD_TESTS_HTTP_TOY_SERVER_H_
#define SWITCHBOARD_TESTS_HTTP_TOY_SERVER_H_

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "http/response.h"
#include "http/router.h"
#include "http/server.h"

namespace sb::testing {

// A few threads standing in for CAF workers: handlers hand their Responder to these.
class Workers {
 public:
  explicit Workers(int threads = 2) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
  }
  ~Workers() {
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  void Post(std::function<void()> job, std::chrono::milliseconds delay = {}) {
    {
      std::lock_guard lock(mu_);
      jobs_.push_back({std::chrono::steady_clock::now() + delay, std::move(job)});
    }
    cv_.notify_one();
  }

 private:
  struct Job {
    std::chrono::steady_clock::time_point at;
    std::function<void()> run;
  };
  void Loop() {
    std::unique_lock lock(mu_);
    for (;;) {
      if (done_ && jobs_.empty()) return;
      if (jobs_.empty()) {
        cv_.wait(lock);
        continue;
      }
      // The earliest job; a handful are queued at most, so a scan is fine.
      auto it = jobs_.begin();
      for (auto j = jobs_.begin(); j != jobs_.end(); ++j) {
        if (j->at < it->at) it = j;
      }
      if (it->at > std::chrono::steady_clock::now() && !done_) {
        const auto at = it->at;  // a copy: another worker may take the job while we wait
        cv_.wait_until(lock, at);
        continue;
      }
      Job job = std::move(*it);
      jobs_.erase(it);
      lock.unlock();
      job.run();
      job.run = nullptr;  // destroy captured Responders outside the lock too
      lock.lock();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;
  bool done_ = false;
  std::vector<std::thread> threads_;
};

// What the WebSocket sessions saw, for assertions from the test thread.
class WsProbe {
 public:
  void Opened(const std::string& id) {
    std::lock_guard lock(mu_);
    open_.insert(id);
    ++opens_;
    cv_.notify_all();
  }
  void Closed(const std::string& id) {
    std::lock_guard lock(mu_);
    if (open_.erase(id) == 0) ++bad_closes_;  // OnClose without OnOpen, or twice
    ++closes_;
    cv_.notify_all();
  }
  bool WaitCloses(int n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return closes_ >= n; });
  }
  bool WaitOpens(int n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return opens_ >= n; });
  }
  int opens() {
    std::lock_guard lock(mu_);
    return opens_;
  }
  int closes() {
    std::lock_guard lock(mu_);
    return closes_;
  }
  int bad_closes() {
    std::lock_guard lock(mu_);
    return bad_closes_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::set<std::string> open_;
  int opens_ = 0;
  int closes_ = 0;
  int bad_closes_ = 0;
};

// Echoes text frames. "flood N" sends N numbered frames at once, "close" closes normally,
// "throw" throws from OnMessage. Sends "hello" on open.
class EchoSession : public http::WebSocketSession {
 public:
  EchoSession(std::shared_ptr<WsProbe> probe,
              std::function<void(std::shared_ptr<http::WebSocketPeer>)> on_open)
      : probe_(std::move(probe)), on_open_(std::move(on_open)) {}
  void OnOpen(std::shared_ptr<http::WebSocketPeer> peer) override {
    peer_ = std::move(peer);
    probe_->Opened(peer_->id());
    peer_->Send("hello");
    if (on_open_) on_open_(peer_);
  }
  void OnMessage(std::string text) override {
    if (text.rfind("flood ", 0) == 0) {
      const int n = std::stoi(text.substr(6));
      for (int i = 0; i < n; ++i) peer_->Send("m" + std::to_string(i));
    } else if (text == "close") {
      peer_->Close();
    } else if (text == "throw") {
      throw std::runtime_error("session bug");
    } else {
      peer_->Send(std::move(text));
    }
  }
  void OnClose() override {
    probe_->Closed(peer_->id());
    peer_.reset();
  }

 private:
  std::shared_ptr<WsProbe> probe_;
  std::function<void(std::shared_ptr<http::WebSocketPeer>)> on_open_;
  std::shared_ptr<http::WebSocketPeer> peer_;
};

struct ResponseRecord {
  std::string method;
  std::string route;
  int status;
  double seconds;
};

// The toy server. Routes:
//   GET  /hello                  {"hello":"world"}
//   GET  /items/stats            {"stats":true}            (literal beats /items/{id})
//   GET  /items/{id}             {"id":id}
//   PUT  /items/{id}             {"id":id,"body":body}
//   POST /items                  201 {"received":body}
//   GET  /items/{id}/parts/{part}
//   GET  /query                  the query parameters as an object
//   GET  /headers                {"remote":..., "x-test":...}
//   POST /text                   accepts text/plain only
//   GET  /slow?ms=N              answered from a worker thread after N ms
//   GET  /async/{id}             {"id":id} answered from a worker thread at once
//   GET  /drop                   drops its Responder on the I/O thread
//   GET  /drop-async             drops its Responder on a worker thread
//   GET  /throw                  throws
//   GET  /answer-then-throw      answers 200 and throws
// WebSocket /ws: token=good upgrades to an EchoSession, anything else is a 401.
class ToyServer {
 public:
  explicit ToyServer(http::ServerOptions options = {}) {
    options.port = 0;
    user_hook_ = std::move(options.on_response);
    options.on_response = [this](const http::Request& r, const std::string& route, int status,
                                 double seconds) {
      {
        std::lock_guard lock(records_mu_);
        records_.push_back({r.method, route, status, seconds});
      }
      if (user_hook_) user_hook_(r, route, status, seconds);
    };
    server_ = std::make_unique<http::Server>(options, MakeRouter());
    server_->AddWebSocket(
        "/ws",
        [this](const http::Request& r)
            -> std::variant<std::shared_ptr<http::WebSocketSession>, http::Response> {
          if (r.Query("token") != std::optional<std::string>("good")) {
            return http::ErrorResponse(401, "unauthorized", "token=good is required");
          }
          std::lock_guard lock(on_ws_open_mu_);
          return std::make_shared<EchoSession>(ws_probe_, on_ws_open_);
        });
    Status s = server_->Start();
    if (!s.ok()) throw std::runtime_error("toy server: " + s.ToString());
  }
  ~ToyServer() {
    server_->Stop();
    workers_.reset();  // after Stop: late answers go to a stopped server
  }

  uint16_t port() const { return server_->port(); }
  http::Server& server() { return *server_; }
  std::shared_ptr<WsProbe> ws_probe() { return ws_probe_; }
  // Called on open with the peer (e.g. to send from a foreign thread). Before connecting.
  void OnWsOpen(std::function<void(std::shared_ptr<http::WebSocketPeer>)> f) {
    std::lock_guard lock(on_ws_open_mu_);
    on_ws_open_ = std::move(f);
  }
  std::vector<ResponseRecord> records() {
    std::lock_guard lock(records_mu_);
    return records_;
  }

 private:
  std::shared_ptr<const http::Router> MakeRouter() {
    auto router = std::make_shared<http::Router>();
    using http::PathParams;
    using http::Request;
    using http::Responder;
    namespace json = boost::json;
    router->Add("GET", "/hello", [](Request, PathParams, Responder respond) {
      respond(http::JsonResponse(200, json::object{{"hello", "world"}}));
    });
    router->Add("GET", "/items/stats", [](Request, PathParams, Responder respond) {
      respond(http::JsonResponse(200, json::object{{"stats", true}}));
    });
    router->Add("GET", "/items/{id}", [](Request, PathParams p, Responder respond) {
      respond(http::JsonResponse(200, json::object{{"id", p["id"]}}));
    });
    router->Add("PUT", "/items/{id}", [](Request r, PathParams p, Responder respond) {
      respond(http::JsonResponse(200, json::object{{"id", p["id"]}, {"body", r.body}}));
    });
    router->Add("POST", "/items", [](Request r, PathParams, Responder respond) {
      respond(http::JsonResponse(201, json::object{{"received", r.body}}));
    });
    router->Add("GET", "/items/{id}/parts/{part}", [](Request, PathParams p, Responder respond) {
      respond(http::JsonResponse(200, json::object{{"id", p["id"]}, {"part", p["part"]}}));
    });
    router->Add("GET", "/query", [](Request r, PathParams, Responder respond) {
      json::object o;
      for (const auto& [k, v] : r.query) o[k] = v;
      respond(http::JsonResponse(200, o));
    });
    router->Add("GET", "/headers", [](Request r, PathParams, Responder respond) {
      respond(http::JsonResponse(200, json::object{{"remote", r.remote},
                                                   {"x-test", r.Header("x-test").value_or("")},
                                                   {"path", r.path}}));
    });
    http::RouteOptions text_only;
    text_only.content_types = {"text/plain"};
    router->Add(
        "POST", "/text",
        [](Request r, PathParams, Responder respond) {
          http::Response response;
          response.content_type = "text/plain";
          response.body = r.body;
          respond(std::move(response));
        },
        text_only);
    router->Add("GET", "/slow", [this](Request r, PathParams, Responder respond) {
      const int ms = std::stoi(r.Query("ms").value_or("100"));
      workers_->Post(
          [respond] {
            respond(http::JsonResponse(200, json::object{{"slow", true}}));
          },
          std::chrono::milliseconds(ms));
    });
    router->Add("GET", "/async/{id}", [this](Request, PathParams p, Responder respond) {
      workers_->Post([respond, id = p["id"]] {
        respond(http::JsonResponse(200, json::object{{"id", id}}));
      });
    });
    router->Add("GET", "/drop", [](Request, PathParams, Responder) {});
    router->Add("GET", "/drop-async", [this](Request, PathParams, Responder respond) {
      workers_->Post([respond]() mutable { respond = nullptr; }, std::chrono::milliseconds(20));
    });
    router->Add("GET", "/throw", [](Request, PathParams, Responder) -> void {
      throw std::runtime_error("handler bug");
    });
    router->Add("GET", "/answer-then-throw", [](Request, PathParams, Responder respond) -> void {
      respond(http::JsonResponse(200, json::object{{"answered", true}}));
      throw std::runtime_error("handler bug after answering");
    });
    return router;
  }

  std::unique_ptr<Workers> workers_ = std::make_unique<Workers>(2);
  std::shared_ptr<WsProbe> ws_probe_ = std::make_shared<WsProbe>();
  std::mutex on_ws_open_mu_;
  std::function<void(std::shared_ptr<http::WebSocketPeer>)> on_ws_open_;
  std::function<void(const http::Request&, const std::string&, int, double)> user_hook_;
  std::mutex records_mu_;
  std::vector<ResponseRecord> records_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_HTTP_TOY_SERVER_H_
