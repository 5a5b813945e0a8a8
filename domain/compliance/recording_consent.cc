#include "domain/compliance/recording_consent.h"

namespace sb::domain {

RecordingConsent RecordingConsentFor(const CallingPolicyState& state) {
  switch (state.settings.recording) {
    case RecordingMode::kNever:
      return RecordingConsent::kDisabled;
    case RecordingMode::kAsk:
      return RecordingConsent::kConsentRequired;
    case RecordingMode::kAlways:
      return RecordingConsent::kAnnounced;
  }
  return RecordingConsent::kConsentRequired;  // unreachable; the safe choice if it were not
}

}  // namespace sb::domain
