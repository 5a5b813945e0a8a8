#include "actors/startup_scan.h"

#include <variant>

#include "domain/agent_decider.h"
#include "domain/call_decider.h"
#include "domain/customer_decider.h"

namespace sb::actors {

bool SplitStreamName(const std::string& stream, StreamParts* out) {
  const auto first = stream.find('/');
  if (first == std::string::npos) return false;
  const auto second = stream.find('/', first + 1);
  if (second == std::string::npos || stream.find('/', second + 1) != std::string::npos) {
    return false;
  }
  out->tenant = stream.substr(0, first);
  out->kind = stream.substr(first + 1, second - first - 1);
  out->id = stream.substr(second + 1);
  return true;
}

void StartupScan::Observe(const es::RecordedEvent& event) {
  ++events_;
  StreamParts parts;
  if (!SplitStreamName(event.stream, &parts)) return;
  if (parts.kind == domain::AgentDecider::kKind) {
    ObserveAgent(event);
  } else if (parts.kind == domain::CustomerDecider::kKind) {
    ObserveCustomer(event);
  } else if (parts.kind == domain::CallDecider::kKind) {
    ObserveCall(event);
  }
}

void StartupScan::ObserveAgent(const es::RecordedEvent& e) {
  using domain::AgentDecider;
  if (e.type == domain::AgentCallReserved::kType) {
    auto decoded = AgentDecider::DecodeEvent(e.type, e.payload);
    if (decoded.ok()) {
      agent_holds_[e.stream] = std::get<domain::AgentCallReserved>(decoded.value()).call_id;
    }
    deadlines_.erase(e.stream);
  } else if (e.type == domain::AgentCallReleased::kType) {
    agent_holds_.erase(e.stream);
    auto decoded = AgentDecider::DecodeEvent(e.type, e.payload);
    if (decoded.ok() &&
        std::get<domain::AgentCallReleased>(decoded.value()).wrap_up_deadline.has_value()) {
      deadlines_.insert(e.stream);
    } else {
      deadlines_.erase(e.stream);
    }
  } else if (e.type == domain::AgentStatusChanged::kType) {
    auto decoded = AgentDecider::DecodeEvent(e.type, e.payload);
    if (decoded.ok() &&
        std::get<domain::AgentStatusChanged>(decoded.value()).to != domain::AgentStatus::kWrapUp) {
      deadlines_.erase(e.stream);
    }
  }
}

void StartupScan::ObserveCustomer(const es::RecordedEvent& e) {
  using domain::CustomerDecider;
  if (e.type == domain::CustomerConnected::kType) {
    auto decoded = CustomerDecider::DecodeEvent(e.type, e.payload);
    if (decoded.ok()) {
      connections_[e.stream].insert(
          std::get<domain::CustomerConnected>(decoded.value()).connection_id);
    }
    deadlines_.erase(e.stream);
  } else if (e.type == domain::CustomerDisconnected::kType) {
    auto decoded = CustomerDecider::DecodeEvent(e.type, e.payload);
    if (!decoded.ok()) return;
    const auto& d = std::get<domain::CustomerDisconnected>(decoded.value());
    auto it = connections_.find(e.stream);
    if (it != connections_.end()) {
      it->second.erase(d.connection_id);
      if (it->second.empty()) connections_.erase(it);
    }
    if (d.offline_deadline) deadlines_.insert(e.stream);
  } else if (e.type == domain::CustomerWentOffline::kType) {
    deadlines_.erase(e.stream);
  } else if (e.type == domain::LineGranted::kType) {
    auto decoded = CustomerDecider::DecodeEvent(e.type, e.payload);
    if (decoded.ok()) {
      line_holds_[e.stream] = std::get<domain::LineGranted>(decoded.value()).call_id;
    }
  } else if (e.type == domain::LineReleased::kType) {
    line_holds_.erase(e.stream);
  }
}

void StartupScan::ObserveCall(const es::RecordedEvent& e) {
  // The ring/accept deadline is written by CallInitiated and cleared by an answer or an end.
  if (e.type == domain::CallInitiated::kType) {
    deadlines_.insert(e.stream);
  } else if (e.type == domain::CallConnected::kType || e.type == domain::CallEnded::kType) {
    deadlines_.erase(e.stream);
  }
}

}  // namespace sb::actors
