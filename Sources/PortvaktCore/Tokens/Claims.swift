import Crypto
import Foundation

/// A JWT claims set being built: names to JSON values, encoded once with sorted keys.
public struct Claims: Sendable, Equatable {
    public private(set) var values: [String: JSONValue] = [:]

    public init() {}

    public subscript(name: String) -> JSONValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    public mutating func set(_ name: String, _ value: String?) {
        if let value { values[name] = .string(value) }
    }

    public mutating func set(_ name: String, _ date: Date) {
        values[name] = .number(Double(Timestamp.seconds(date)))
    }

    public mutating func set(_ name: String, _ list: [String]) {
        values[name] = .array(list.map(JSONValue.string))
    }

    /// The claims set's JSON, written straight into bytes (the same bytes `CanonicalJSON` gives).
    public func encoded() throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        try JSONWriter.append(object: values, to: &output)
        return output
    }
}
