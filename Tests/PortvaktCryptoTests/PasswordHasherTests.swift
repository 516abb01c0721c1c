import Testing

@testable import PortvaktCrypto

@Suite struct PasswordHasherTests {
    let hasher = PasswordHasher()

    @Test func anArgon2idHashRoundTripsInPHCFormat() throws {
        let hash = try hasher.hash("korrekt häst batteri häftklammer")
        #expect(hash.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        #expect(hasher.verify("korrekt häst batteri häftklammer", against: hash))
        #expect(!hasher.verify("korrekt häst batteri häftklammeR", against: hash))
        #expect(try hasher.hash("same") != hasher.hash("same"), "a fresh salt each time")
    }

    @Test func longPasswordsAreNeverTruncated() throws {
        let long = String(repeating: "a", count: 128)
        let hash = try hasher.hash(long)
        #expect(!hasher.verify(String(repeating: "a", count: 127), against: hash))
        #expect(hasher.verify(long, against: hash))
    }

    @Test func aWeakerStoredHashNeedsRehashing() throws {
        let weak = try PasswordHasher(parameters: .init(memory: 4096, iterations: 1, parallelism: 1)).hash("an old password")
        #expect(hasher.needsRehash(weak))
        #expect(hasher.verify("an old password", against: weak), "still verifies, so the rehash can happen at login")
        #expect(!hasher.needsRehash(try hasher.hash("a new password")))
        #expect(hasher.needsRehash("$2b$12$notargon"))
    }

    @Test func malformedHashesNeverMatch() {
        #expect(!hasher.verify("x", against: ""))
        #expect(!hasher.verify("x", against: "$argon2id$v=19$m=19456,t=2,p=1$garbage"))
        #expect(!hasher.verify("x", against: "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"))
    }
}
