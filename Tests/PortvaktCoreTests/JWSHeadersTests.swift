import Foundation
import Testing

@testable import PortvaktCore

@Suite struct JWSHeadersTests {
    func decoded(_ encoded: [UInt8]) throws -> [String: String] {
        let json = try #require(Base64URL.decode(String(decoding: encoded, as: UTF8.self)))
        return try JSONDecoder().decode([String: String].self, from: Data(json))
    }

    @Test func preparedHeadersNameTheAlgorithmTheKeyAndTheType() throws {
        let headers = JWSHeaders(algorithm: .es256, kid: "es256-\"odd\"\\kid", types: ["JWT", "at+jwt"])
        #expect(try decoded(headers.encoded(type: "JWT")) == ["alg": "ES256", "kid": "es256-\"odd\"\\kid", "typ": "JWT"])
        #expect(try decoded(headers.encoded(type: "at+jwt")) == ["alg": "ES256", "kid": "es256-\"odd\"\\kid", "typ": "at+jwt"])
        #expect(try decoded(headers.encoded(type: "logout+jwt"))["typ"] == "logout+jwt", "a type not prepared is encoded when asked")
        // The bytes are those of the header JWS.compact wrote before they were prepared.
        #expect(String(decoding: JWSHeaders(algorithm: .rs256, kid: "k1").encoded(type: "JWT"), as: UTF8.self)
            == Base64URL.encode(Array(#"{"alg":"RS256","kid":"k1","typ":"JWT"}"#.utf8)))
    }

    @Test func base64URLMatchesFoundationsBase64ForEveryLength() {
        for length in 0..<70 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ 3) }
            let foundation = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(bytes) == foundation)
            #expect(Base64URL.encodedLength(of: length) == foundation.utf8.count)
            var appended = Array("x.".utf8)
            Base64URL.append(bytes[...], to: &appended)
            #expect(appended == Array(("x." + foundation).utf8))
        }
    }
}
