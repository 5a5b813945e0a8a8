#include "http/webhooks/twiml.h"

#include <cstdint>

namespace sb::webhooks {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// The length of the valid UTF-8 sequence starting at s[i] that XML 1.0 allows, or 0.
size_t ValidSequence(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  size_t len = 0;
  uint32_t cp = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
  if (overlong || surrogate || cp > 0x10FFFF || cp == 0xFFFE || cp == 0xFFFF) return 0;
  return len;
}

std::string Attribute(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + XmlEscape(value) + "\"";
}

const char* NounName(DialTarget::Noun noun) {
  switch (noun) {
    case DialTarget::Noun::kNumber:
      return "Number";
    case DialTarget::Noun::kClient:
      return "Client";
    case DialTarget::Noun::kSip:
      return "Sip";
    case DialTarget::Noun::kQueue:
      return "Queue";
  }
  return "Number";
}

}  // namespace

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&apos;";
          break;
        case '\t':
        case '\n':
        case '\r':
          out.push_back(static_cast<char>(c));
          break;
        default:
          if (c >= 0x20) out.push_back(static_cast<char>(c));  // other controls: dropped
      }
      ++i;
      continue;
    }
    const size_t len = ValidSequence(text, i);
    if (len == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

void TwimlBuilder::Fail(std::string message) {
  if (error_.ok()) error_ = Status::InvalidArgument(std::move(message));
}

TwimlBuilder& TwimlBuilder::Say(std::string_view text) {
  if (text.empty()) {
    Fail("Say: empty text");
  } else {
    verbs_ += "<Say>" + XmlEscape(text) + "</Say>";
  }
  return *this;
}

TwimlBuilder& TwimlBuilder::Pause(int seconds) {
  if (seconds < 1 || seconds > 600) {
    Fail("Pause: length must be 1..600 seconds");
  } else {
    verbs_ += "<Pause length=\"" + std::to_string(seconds) + "\"/>";
  }
  return *this;
}

TwimlBuilder& TwimlBuilder::Enqueue(std::string_view queue, const EnqueueOptions& options) {
  if (queue.empty() || queue.size() > 64) {
    Fail("Enqueue: the queue name must be 1..64 bytes");
    return *this;
  }
  verbs_ += "<Enqueue";
  if (!options.action_url.empty()) verbs_ += Attribute("action", options.action_url);
  if (!options.wait_url.empty()) verbs_ += Attribute("waitUrl", options.wait_url);
  verbs_ += ">" + XmlEscape(queue) + "</Enqueue>";
  return *this;
}

TwimlBuilder& TwimlBuilder::Dial(const std::vector<DialTarget>& targets,
                                 const DialOptions& options) {
  if (targets.empty()) {
    Fail("Dial: no target");
    return *this;
  }
  for (const DialTarget& t : targets) {
    if (t.value.empty()) {
      Fail(std::string("Dial: empty ") + NounName(t.noun));
      return *this;
    }
  }
  if (options.timeout_seconds != 0 &&
      (options.timeout_seconds < 5 || options.timeout_seconds > 600)) {
    Fail("Dial: timeout must be 5..600 seconds");
    return *this;
  }
  verbs_ += "<Dial";
  if (!options.action_url.empty()) verbs_ += Attribute("action", options.action_url);
  if (!options.caller_id.empty()) verbs_ += Attribute("callerId", options.caller_id);
  if (options.timeout_seconds != 0) {
    verbs_ += Attribute("timeout", std::to_string(options.timeout_seconds));
  }
  verbs_ += ">";
  for (const DialTarget& t : targets) {
    const std::string noun = NounName(t.noun);
    verbs_ += "<" + noun + ">" + XmlEscape(t.value) + "</" + noun + ">";
  }
  verbs_ += "</Dial>";
  return *this;
}

TwimlBuilder& TwimlBuilder::Reject(RejectReason reason) {
  verbs_ +=
      "<Reject" + Attribute("reason", reason == RejectReason::kBusy ? "busy" : "rejected") + "/>";
  return *this;
}

TwimlBuilder& TwimlBuilder::Hangup() {
  verbs_ += "<Hangup/>";
  return *this;
}

Result<std::string> TwimlBuilder::Build() const {
  if (!error_.ok()) return error_;
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + verbs_ + "</Response>";
}

Result<std::string> EnqueueTwiml(std::string_view queue, std::string_view wait_url) {
  EnqueueOptions options;
  options.wait_url = std::string(wait_url);
  return TwimlBuilder().Enqueue(queue, options).Build();
}

Result<std::string> DialTwiml(const std::vector<DialTarget>& targets, const DialOptions& options) {
  return TwimlBuilder().Dial(targets, options).Build();
}

std::string RejectTwiml(RejectReason reason) { return *TwimlBuilder().Reject(reason).Build(); }

}  // namespace sb::webhooks
