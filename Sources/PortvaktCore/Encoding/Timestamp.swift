import Foundation

/// Timestamps as Portvakt shows and stores them.
public enum Timestamp {
    /// RFC 3339 in UTC, to the second: `2026-11-25T12:00:00Z`.
    public static func iso(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
            .timeSeparator(.colon).timeZone(separator: .omitted))
    }

    /// Whole seconds since 1970, as the store keeps them.
    public static func seconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }

    public static func date(seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
