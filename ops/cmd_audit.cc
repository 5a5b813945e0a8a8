// switchboard audit: one entity's history as the log recorded it, or its state at an instant.
//
// Without --at, a timeline with one line per event: when (ISO 8601 UTC), version, log position,
// type, who caused it, why (the payload's "reason", when it has one) and the payload. With
// --at, the entity's state as it was then, folded by the domain's own decider. --json prints
// the same as JSON lines (the timeline) or one JSON object (the state), for scripts.
//
// Exit codes: 0 printed, 1 no log / no such stream / unreadable log, 2 bad arguments.
#include <iostream>
#include <optional>
#include <string>

#include <boost/json.hpp>

#include "domain/time.h"
#include "eventstore/event_store.h"
#include "ops/cli_options.h"
#include "ops/commands.h"
#include "ops/event_json.h"
#include "projections/entity_history.h"

namespace po = boost::program_options;

namespace sb::ops {
namespace {

constexpr char kSynopsis[] = "STREAM [--data DIR] [--at TIMESTAMP] [--json]";

int Fail(const std::string& message, int code) {
  std::cerr << "switchboard audit: " << message << "\n";
  return code;
}

int UsageError(const std::string& message) {
  std::cerr << "switchboard audit: " << message << "\n"
            << "usage: switchboard audit " << kSynopsis << "\n";
  return 2;
}

// The payload's "reason" when it is a non-empty string: the why of an audit line.
std::string ReasonOf(const boost::json::value& payload) {
  if (!payload.is_object()) return {};
  const auto* reason = payload.as_object().if_contains("reason");
  if (reason == nullptr || !reason->is_string()) return {};
  return std::string(reason->as_string());
}

void PrintTimelineLine(const es::RecordedEvent& e) {
  boost::system::error_code ec;
  boost::json::value payload = boost::json::parse(e.payload, ec);
  if (ec) payload = e.payload;  // the store validates payloads; print what is there regardless
  const std::string reason = ReasonOf(payload);
  std::cout << FormatTimestamp(e.timestamp_us) << "  v" << e.version << "  @" << e.position << "  "
            << e.type << "  by " << (e.actor.empty() ? "-" : e.actor);
  // Quoted with JSON escaping: a reason is user input and may hold anything.
  if (!reason.empty()) std::cout << "  why " << boost::json::serialize(boost::json::value(reason));
  std::cout << "  " << boost::json::serialize(payload) << "\n";
}

boost::json::object StateObject(const projections::StateAt& s) {
  boost::system::error_code ec;
  boost::json::value state = boost::json::parse(s.state_json, ec);
  if (ec) state = s.state_json;
  boost::json::object o;
  o["stream"] = s.stream;
  o["at"] = domain::FormatTimestamp(s.at);
  o["version"] = s.version;
  o["position"] = s.position;
  if (s.version == 0) {
    o["timestamp"] = nullptr;
  } else {
    o["timestamp"] = domain::FormatTimestamp(s.timestamp);
  }
  o["state"] = std::move(state);
  return o;
}

void PrintState(const projections::StateAt& s) {
  std::cout << s.stream << " at " << FormatTimestamp(s.at) << ": ";
  if (s.version == 0) {
    std::cout << "no event yet (the entity did not exist)\n";
  } else {
    std::cout << "version " << s.version << ", position " << s.position << ", last event at "
              << FormatTimestamp(s.timestamp) << "\n";
  }
  boost::system::error_code ec;
  boost::json::value state = boost::json::parse(s.state_json, ec);
  if (ec || !state.is_object()) {
    std::cout << "  " << s.state_json << "\n";
    return;
  }
  for (const auto& [key, value] : state.as_object()) {
    std::cout << "  " << std::string(key) << ": " << boost::json::serialize(value) << "\n";
  }
}

}  // namespace

int RunAudit(const std::vector<std::string>& args) {
  std::string dir, stream, at_text;
  bool json = false;
  po::options_description options("options");
  options.add_options()("data", po::value(&dir)->default_value("./data"), "data directory")(
      "at", po::value(&at_text),
      "show the state at this instant: ISO 8601 (2026-12-01T10:00:00Z) or µs since the epoch")(
      "json", po::bool_switch(&json), "print JSON (lines for the timeline) instead of text");
  po::options_description hidden;
  hidden.add_options()("stream", po::value(&stream), "<tenant>/<kind>/<id>");
  po::positional_options_description positional;
  positional.add("stream", 1);
  po::variables_map values;
  if (auto code =
          ParseCommandLine("audit", kSynopsis, options, hidden, positional, args, &values)) {
    return *code;
  }
  if (stream.empty()) return UsageError("which stream? e.g. acme/call/<id>");
  auto name = projections::ParseStreamName(stream);
  if (!name.ok()) return UsageError(name.status().message());
  std::optional<domain::Timestamp> at;
  if (values.count("at")) {
    auto parsed = projections::ParseInstant(at_text);
    if (!parsed.ok()) return UsageError("--at: " + parsed.status().message());
    at = parsed.value();
    if (!projections::IsAuditableKind(name->kind)) {
      return UsageError("--at needs a stream of kind call, agent or customer, not '" + name->kind +
                        "'");
    }
  }

  // A follower reads without taking the directory's lock, so this works beside a running server.
  es::StoreOptions store_options;
  store_options.follower = true;
  auto store = es::EventStore::Open(dir, store_options);
  if (!store.ok()) return Fail(store.status().message(), 1);

  if (at) {
    auto state = projections::FoldStreamAt(**store, stream, *at);
    if (!state.ok()) return Fail(state.status().ToString(), 1);
    if (json) {
      std::cout << boost::json::serialize(StateObject(state.value())) << "\n";
    } else {
      PrintState(state.value());
    }
    return 0;
  }
  auto history = projections::ReadHistory(**store, stream);
  if (!history.ok()) return Fail(history.status().ToString(), 1);
  for (const auto& e : history.value()) {
    if (json) {
      std::cout << boost::json::serialize(EventToJson(e)) << "\n";
    } else {
      PrintTimelineLine(e);
    }
  }
  return 0;
}

}  // namespace sb::ops
