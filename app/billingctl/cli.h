#pragma once

#include "args.h"
#include "core/result.h"
#include "engine/engine.h"
#include "time/clock.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

namespace billing::cli {

class Call;

// What a command prints: its JSON object with --json, else its lines of text.
struct Output
{
    QJsonObject json;
    QStringList lines;
    bool alwaysJson = false;      // a command without a text form (line)
    std::optional<Error> failure; // printed after the output (verify prints its findings, then fails)

    Output() = default;
    Output(QJsonObject json, QStringList lines) : json(std::move(json)), lines(std::move(lines)) {}
    static Output jsonOnly(QJsonObject o)
    {
        Output out(std::move(o), {});
        out.alwaysJson = true;
        return out;
    }
    // Which forms list() builds: both, unless Cli::execute has said which one it prints (the text rows
    // of `transactions --json` were a third of its own work; issue #17, P2c).
    enum class Forms { Both, Json, Text };
    static Forms &wantedForms();

    // A list of values: one JSON object each under `key`, one text line each (or `none` for no value).
    template <typename List, typename ToJson, typename ToLine>
    static Output list(const QString &key, const List &items, ToJson toJson, ToLine toLine,
                       const QString &none = {})
    {
        Output out;
        QJsonArray array;
        const Forms forms = wantedForms();
        for (const auto &item : items) {
            if (forms != Forms::Text)
                array.append(toJson(item));
            if (forms != Forms::Json)
                out.lines << toLine(item);
        }
        if (out.lines.isEmpty() && !none.isEmpty())
            out.lines << none;
        out.json = QJsonObject{{key, array}};
        return out;
    }
};

// One row of the command table: it drives the argument parser, `billingctl help` and the dispatch.
struct Command
{
    // "status", or "budget set" for a subcommand: "budget" alone is then the group, whose handler says
    // which subcommands there are.
    QString name;
    // Positional placeholders as help shows them: "[X]" is optional, "X..." takes any number.
    QStringList arguments;
    QList<Option> options;
    QString note; // shown after the synopsis in parentheses
    std::function<Result<Output>(Call &)> handler;

    QString synopsis() const; // without the note
};

// One run of billingctl: global options, the clock, the output streams.
class Cli
{
public:
    Cli(QTextStream &out, QTextStream &err);
    // Runs a whole command line (without the program name); returns the exit code.
    int run(const QStringList &arguments);

    // For commands:
    const QString &dbPath() const { return m_dbPath; }
    // The database as it may be printed: a PostgreSQL URL without its password.
    QString dbShown() const;
    // The acting user: the operating-system user, or --as NAME (a test and development override).
    QString user() const;
    const Clock &clock() const { return *m_clock; }
    Result<std::unique_ptr<Engine>> openEngine();

    static const std::vector<Command> &commands(); // the table, in the order of `billingctl help`

private:
    static const Command *find(const QString &name);
    static QStringList subcommandSynopses(const Command &group); // empty: not a group
    static int exitCode(ErrorCode c);
    int fail(const Error &e); // prints the one line on stderr and returns the exit code
    int execute(const Command &command, const QStringList &arguments);
    void printHelp();

    QTextStream &m_out;
    QTextStream &m_err;
    QStringList m_arguments; // as given, for fail() to show what a message quotes of them
    bool m_json = false;
    QString m_dbPath;
    QString m_as;
    std::unique_ptr<Clock> m_clock;
};

// One command being run: its parsed arguments and the account's engine, opened on first use (so that a
// bad argument is reported before a missing database).
class Call
{
public:
    Call(Cli &cli, Args args) : m_cli(cli), m_args(std::move(args)) {}

    Cli &cli() { return m_cli; }
    QString at(int i) const { return m_args.at(i); }
    const QStringList &positional() const { return m_args.positional(); }
    bool has(const QString &option) const { return m_args.has(option); }
    QString value(const QString &option) const { return m_args.value(option); }

    // Positional i as a whole number (an id); notAnId ("renew: \"%1\" is not a package id") otherwise.
    Result<qint64> idAt(int i, const QString &notAnId) const;

    Result<Engine *> engine();

    // fn(Context&) → Result<T> or Status, in one command transaction after the catch-up.
    template <typename F> auto run(F &&fn) -> std::invoke_result_t<F, Context &>
    {
        return withEngine<F>([&](Engine &e) { return e.run(std::forward<F>(fn)); });
    }
    // The same for an import: its records first, the catch-up after.
    template <typename F> auto runThenCatchUp(F &&fn) -> std::invoke_result_t<F, Context &>
    {
        return withEngine<F>([&](Engine &e) { return e.runThenCatchUp(std::forward<F>(fn)); });
    }
    // fn(Context&) on the database as stored: read-only, no catch-up.
    template <typename F> auto inspect(F &&fn) -> std::invoke_result_t<F, Context &>
    {
        return withEngine<F>([&](Engine &e) -> std::invoke_result_t<F, Context &> {
            auto ctx = e.inspect();
            if (!ctx)
                return ctx.error();
            return fn(**ctx);
        });
    }

private:
    Cli &m_cli;
    Args m_args;
    std::unique_ptr<Engine> m_engine;

    // use(Engine&) once the engine is open; an engine that cannot be opened is the command's error.
    template <typename F, typename Use> auto withEngine(Use &&use) -> std::invoke_result_t<F, Context &>
    {
        auto e = engine();
        if (!e)
            return e.error();
        return use(**e);
    }
};

} // namespace billing::cli
