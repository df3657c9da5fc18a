#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace billing {

// Machine-readable class of a failure; the CLI maps it to its exit code.
enum class ErrorCode {
    Refused = 1,  // a business rule said no (exit 1)
    BadUsage = 2, // bad argument or command (exit 2)
    BadData = 3,  // malformed file, corrupt or newer database (exit 3)
    Internal = 4, // a bug or an I/O failure we did not foresee
};

// An error is a value: a code for machines and a translated sentence for people.
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;

    static Error refused(QString m) { return {ErrorCode::Refused, std::move(m)}; }
    static Error badUsage(QString m) { return {ErrorCode::BadUsage, std::move(m)}; }
    static Error badData(QString m) { return {ErrorCode::BadData, std::move(m)}; }
    static Error internal(QString m) { return {ErrorCode::Internal, std::move(m)}; }
};

// A small Result<T> (GCC 12 has no std::expected).
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<0>(m_v); }
    T &value() & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }
    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace billing
