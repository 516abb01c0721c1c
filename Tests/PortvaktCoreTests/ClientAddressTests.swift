import Testing

@testable import PortvaktCore

@Suite struct ClientAddressTests {
    let proxies: Set<String> = ["10.0.0.1", "10.0.0.2"]

    @Test func behindTrustedProxiesTheClientIsTheFirstUntrustedHopFromTheRight() {
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: "198.51.100.7", trustedProxies: proxies) == "198.51.100.7")
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: "203.0.113.9, 198.51.100.7, 10.0.0.2", trustedProxies: proxies)
            == "198.51.100.7", "what the client wrote further left is not believed")
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: "2001:db8::1", trustedProxies: proxies) == "2001:db8::1")
    }

    @Test func otherwiseThePeerIsTheClient() {
        #expect(ClientAddress.resolve(peer: "198.51.100.7", forwardedFor: "1.2.3.4", trustedProxies: proxies) == "198.51.100.7")
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: nil, trustedProxies: proxies) == "10.0.0.1")
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: "not-an-address", trustedProxies: proxies) == "10.0.0.1")
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: "10.0.0.2", trustedProxies: proxies) == "10.0.0.1")
    }

    @Test func trustedProxiesAreParsedAndBadOnesNamed() throws {
        #expect(try Configuration.load(file: nil, environment: ["PORTVAKT_TRUSTED_PROXIES": "10.0.0.1, ::1"]).trustedProxies == ["10.0.0.1", "::1"])
        #expect(throws: ConfigurationError.self) { try Configuration.load(file: nil, environment: ["PORTVAKT_TRUSTED_PROXIES": "proxy.local"]) }
        do {
            _ = try Configuration.load(file: nil, environment: ["PORTVAKT_TRUSTED_PROXIES": "proxy.local"])
        } catch {
            #expect("\(error)".contains("PORTVAKT_TRUSTED_PROXIES") || "\(error)".contains("trusted_proxies"))
        }
    }

    @Test func onlyAPlainHTTPLoopbackIssuerAndListenerIsLocalDevelopment() throws {
        #expect(try Configuration.load(file: nil, environment: [:]).isLocalDevelopment)
        #expect(try !Configuration.load(file: nil, environment: ["PORTVAKT_ISSUER": "https://login.example.se"]).isLocalDevelopment)
        #expect(try !Configuration.load(file: nil, environment: ["PORTVAKT_LISTEN": "0.0.0.0:8080"]).isLocalDevelopment)
    }
}

@Suite struct BankIDConfigurationTests {
    @Test func theBankIDServiceIsTheSimulatorOffOrAnHTTPSBase() throws {
        #expect(try Configuration.load(file: nil, environment: [:]).bankID.service == .simulator)
        #expect(try Configuration.load(file: nil, environment: ["PORTVAKT_BANKID_URL": ""]).bankID.service == nil)
        let test = "https://appapi2.test.bankid.com/rp/v6.0/"
        #expect(try Configuration.load(file: nil, environment: ["PORTVAKT_BANKID_URL": test]).bankID.service == .url(test))
        for bad in ["http://bankid.example/rp/v6.0/", "https://appapi2.test.bankid.com/", "ftp://x/rp/v6.0/"] {
            #expect(throws: ConfigurationError.self) { try Configuration.load(file: nil, environment: ["PORTVAKT_BANKID_URL": bad]) }
        }
        #expect(throws: ConfigurationError.self) {
            try Configuration.load(file: nil, environment: ["PORTVAKT_BANKID_URL": test, "PORTVAKT_BANKID_CLIENT_CERT": "rp.pem"])
        }
    }
}
