// What the call flow does about recording a call, from the policy's recording mode.
#ifndef SWITCHBOARD_DOMAIN_COMPLIANCE_RECORDING_CONSENT_H_
#define SWITCHBOARD_DOMAIN_COMPLIANCE_RECORDING_CONSENT_H_

#include "domain/compliance/policy_state.h"

namespace sb::domain {

enum class RecordingConsent {
  kDisabled,         // do not record
  kConsentRequired,  // record only after the other party agreed (IVR key press, or the agent
                     // asks and marks it); until then, nothing is recorded
  kAnnounced,        // record from the answer, after playing the "this call is recorded" notice
};

// never -> kDisabled, ask -> kConsentRequired, always -> kAnnounced. The same for inbound and
// outbound calls, so there is no direction parameter: whether the other party must agree does
// not depend on who dialed, and how they are asked (IVR or agent) is the call flow's business.
RecordingConsent RecordingConsentFor(const CallingPolicyState& state);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_COMPLIANCE_RECORDING_CONSENT_H_
