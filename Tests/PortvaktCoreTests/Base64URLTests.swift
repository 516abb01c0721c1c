import Testing

@testable import PortvaktCore

@Suite struct Base64URLTests {
    @Test func encodesWithoutPaddingWithURLSafeAlphabet() {
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
        #expect(Base64URL.encode(Array("{\"alg\":\"ES256\"}".utf8)) == "eyJhbGciOiJFUzI1NiJ9")
    }

    @Test func decodesItsOwnOutputAndRefusesOtherAlphabets() {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
        #expect(Base64URL.decode("+/8") == nil)
        #expect(Base64URL.decode("ab=") == nil)
        #expect(Base64URL.decode("a") == nil)
    }
}
