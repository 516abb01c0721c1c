import Foundation
import Testing

@testable import PortvaktCore

/// The rules a JWT from outside must pass before its signature is checked (RFC 7515 §4, §4.1.11; RFC 7519 §4).
@Suite struct StrictJWTTests {
    func token(_ header: String, _ payload: String) -> String {
        Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8)) + ".c2ln"
    }

    @Test func anOrdinaryTokenPasses() throws {
        try StrictJWT.check(token(#"{"alg":"ES256","kid":"k1","typ":"JWT"}"#, #"{"sub":"a","aud":["x","y"],"exp":17e8,"n":{"sub":1,"sub":2},"ok":true,"no":null}"#))
    }

    @Test(arguments: [
        #"{"sub":"a","aud":"x","sub":"b"}"#,
        #"{"aud":"x","exp":1,"aud":"y"}"#,
        #"{"exp":1 , "exp" :2}"#,
        #"{"sub":"a","\u0073ub":"b"}"#,
    ])
    func aClaimGivenTwiceIsRefused(_ payload: String) {
        let error = #expect(throws: StrictJWTError.self) { try StrictJWT.check(token(#"{"alg":"ES256"}"#, payload)) }
        #expect(error?.isDuplicateName == true)
    }

    @Test func aHeaderNameGivenTwiceIsRefused() {
        let error = #expect(throws: StrictJWTError.self) { try StrictJWT.check(token(#"{"alg":"none","alg":"ES256"}"#, "{}")) }
        #expect(error?.isDuplicateName == true)
    }

    @Test func anyCritHeaderIsRefused() {
        for header in [#"{"alg":"ES256","crit":["exp"],"exp":1}"#, #"{"alg":"ES256","crit":[]}"#] {
            let error = #expect(throws: StrictJWTError.self) { try StrictJWT.check(token(header, #"{"sub":"a"}"#)) }
            #expect(error?.isCriticalExtension == true)
        }
    }

    @Test(arguments: [
        "a.b", "a.b.c.d", "!!.e30.x", "e30.!!.x",
    ])
    func malformedTokensAreRefused(_ compact: String) {
        #expect(throws: StrictJWTError.self) { try StrictJWT.check(compact) }
    }

    @Test(arguments: [
        "", "[]", "{", #"{"a":1,}"#, #"{"a":1}{"b":2}"#, #"{"a":tru}"#, #"{"a" 1}"#, "{\"a\":\"\u{01}\"}",
    ])
    func onlyOneWellFormedObjectIsRead(_ json: String) {
        #expect(JSONObjectKeys.topLevel(Array(json.utf8)) == nil)
    }

    @Test func namesAreReadInOrderWithEscapesDecoded() {
        #expect(JSONObjectKeys.topLevel(Array(#" { "a" : [1, {"b": "}"}], "c\"d": -1.5e3, "\u00e5": "\\" } "#.utf8)) == ["a", "c\"d", "å"])
    }
}
