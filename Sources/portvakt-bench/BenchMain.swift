import Foundation
import PortvaktCore
import PortvaktCrypto

/// Measures what token issuance costs against the signature it contains, per signer: the bare signature, then a
/// whole access token plus ID token as the token endpoint builds them. For RS256 it sets the signer the key ring
/// uses (OpenSSL's libcrypto) beside swift-crypto's, and both beside `openssl speed rsa2048` run on the same
/// machine, the ceiling the RS256 target is a share of. Run it from a release build:
///
///     swift run -c release portvakt-bench [SECONDS]
///
/// It prints operations per CPU second of the thread that ran them, as `openssl speed` counts (see `rate`), and
/// once more with every core signing RS256 with one shared key. Nothing here is asserted (performance is watched,
/// never a test condition).
@main
struct BenchMain {
    static func main() throws {
        let seconds = Double(CommandLine.arguments.dropFirst().first ?? "2") ?? 2
        let factory = TokenFactory(issuer: "https://login.example.se", idTokenLifetime: 600, accessTokenLifetime: 600)
        let profile = UserProfile(subject: "acc-1", givenName: "Anna", familyName: "Svensson", email: "anna@pantbutiken.se", emailVerified: true, locale: "sv")
        let grant = GrantContext(
            grantID: "g1", clientID: "portal", subject: "acc-1", scopes: ["openid", "profile", "email"], authTime: Date(), acr: "urn:portvakt:acr:mfa",
            amr: ["pwd", "otp", "mfa"], sid: "sid-1", nonce: "n-0S6_WzA2Mj", idTokenClaims: ["name"])
        let rsa = try SigningKeyMaterial.generate(.rs256)
        let signers: [(name: String, signer: any TokenSigner)] = [
            ("RS256 OpenSSL (the key ring's)", try rsa.signer(kid: "bench")),
            ("RS256 swift-crypto", SwiftCryptoSigner(kid: "bench", material: rsa)),
            ("ES256 swift-crypto", try SigningKeyMaterial.generate(.es256).signer(kid: "bench")),
            ("EdDSA swift-crypto", try SigningKeyMaterial.generate(.eddsa).signer(kid: "bench")),
        ]
        let input = Array("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhY2MtMSJ9".utf8)
        print("per CPU second of one core:")
        print("signer                          signatures/s  token pairs/s  pair cost vs 2 signatures")
        var perCore: [String: Double] = [:]
        for (name, signer) in signers {
            let signatures = try rate(seconds) { _ = try signer.signature(for: input) }
            let pairs = try rate(seconds) {
                let access = try factory.accessToken(grant, jti: "j1", now: Date(), signer: signer)
                _ = try factory.idToken(grant, profile: profile, accessToken: access, now: Date(), signer: signer)
            }
            perCore[name] = signatures
            print(name.padding(toLength: 30, withPad: " ", startingAt: 0) + String(format: "  %12.0f  %13.0f  %25.2fx", signatures, pairs, (signatures / 2) / pairs))
        }

        // Every core signing with the one shared key, as concurrent requests do.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let openSSL = signers[0].signer
        let total = try concurrentRate(seconds, threads: cores) { _ = try openSSL.signature(for: input) }
        print(String(format: "RS256 OpenSSL on %d threads sharing one key: %.0f signatures/s, %.0f per core", cores, total, total / Double(cores)))

        let log = try LogLineBench.run(seconds: seconds, threads: cores)
        print(String(format: "log line at info: %.0f ns of CPU on one thread, %.0f ns each with %d threads logging at once", log.single, log.concurrent, cores))

        let opensslRS256 = perCore[signers[0].name] ?? 0
        let swiftRS256 = perCore[signers[1].name] ?? 0
        print(String(format: "RS256 per core: OpenSSL signer %.0f/s = %.2fx swift-crypto's %.0f/s", opensslRS256, opensslRS256 / swiftRS256, swiftRS256))
        if let ceiling = opensslSpeedRSA2048(seconds: max(1, Int(seconds.rounded()))) {
            print(String(format: "RS256 per core: OpenSSL signer %.0f/s = %.0f%% of `openssl speed rsa2048` %.0f/s (target: at least 85%%)",
                opensslRS256, 100 * opensslRS256 / ceiling, ceiling))
        } else {
            print("`openssl speed rsa2048` did not run (is the openssl command installed?): no ceiling to compare with")
        }
    }

    /// Runs `body` repeatedly for about `seconds` of this thread's CPU time and returns runs per CPU second: what
    /// `openssl speed` counts too (user time, unless `-elapsed`), so a busy machine lowers neither more than the
    /// other. A wall-clock bound of ten times as long ends it on a machine too busy to give it the CPU.
    /// `batch` runs go between two readings of the clock: reading the thread's CPU time is a system call, as
    /// costly as a log line.
    static func rate(_ seconds: Double, batch: Int = 1, _ body: () throws -> Void) throws -> Double {
        var runs = 0
        let start = threadCPUSeconds()
        let wallStart = ContinuousClock.now
        let wallLimit = Duration.milliseconds(Int64(seconds * 10_000))
        while threadCPUSeconds() - start < seconds, ContinuousClock.now - wallStart < wallLimit {
            for _ in 0..<batch { try body() }
            runs += batch
        }
        return Double(runs) / max(threadCPUSeconds() - start, 1e-9)
    }

    static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// `rate` on `threads` threads at once; the sum of their rates (per CPU second each).
    static func concurrentRate(_ seconds: Double, threads: Int, batch: Int = 1, _ body: @escaping @Sendable () throws -> Void) throws -> Double {
        let rates = RateBox(count: threads)
        DispatchQueue.concurrentPerform(iterations: threads) { index in
            rates.set(index, Result { try rate(seconds, batch: batch, body) })
        }
        return try rates.values.reduce(0) { try $0 + $1.get() }
    }

    /// RSA-2048 signatures per second on one core, as `openssl speed` measures them, or nil without the tool.
    static func opensslSpeedRSA2048(seconds: Int) -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "speed", "-seconds", String(seconds), "rsa2048"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // "rsa 2048 bits 0.000197s 0.000006s   5076.1 168068.2": the third number is signatures per second.
        guard process.terminationStatus == 0, let line = text.split(separator: "\n").last(where: { $0.hasPrefix("rsa 2048 bits") }) else { return nil }
        let numbers = line.dropFirst("rsa 2048 bits".count).split(separator: " ")
        return numbers.count >= 3 ? Double(numbers[2]) : nil
    }
}
