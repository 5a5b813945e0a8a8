// Throwaway keys and certificates made at test time with the OpenSSL C API: a CA, a server
// certificate it signs for an IP address (subjectAltName IP), and bare RSA key pairs (PEM).
// Throws std::runtime_error when OpenSSL refuses (test-only convenience).
#ifndef SWITCHBOARD_TESTS_PROVIDERS_TEST_PKI_H_
#define SWITCHBOARD_TESTS_PROVIDERS_TEST_PKI_H_

#include <string>

namespace sb::testing {

struct RsaKeyPair {
  std::string private_pem;  // PKCS#8
  std::string public_pem;   // SubjectPublicKeyInfo
};

RsaKeyPair MakeRsaKeyPair(int bits = 2048);

struct TestPki {
  std::string ca_cert_pem;
  std::string server_cert_pem;  // for `ip`, signed by the CA
  std::string server_key_pem;
};

TestPki MakeTestPki(const std::string& ip = "127.0.0.1");

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_PROVIDERS_TEST_PKI_H_
