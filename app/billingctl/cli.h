#pragma once

#include "core/result.h"
#include "engine/engine.h"
#include "time/clock.h"

#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>

class QJsonObject;

namespace billing::cli {

// One run of billingctl: global options, the clock, the output streams.
class Cli
{
public:
    Cli(QTextStream &out, QTextStream &err);
    // Runs a whole command line (without the program name); returns the exit code.
    int run(const QStringList &arguments);

    // For commands:
    bool json() const { return m_json; }
    const QString &dbPath() const { return m_dbPath; }
    // The database as it may be printed: a PostgreSQL URL without its password.
    QString dbShown() const;
    // The acting user: the operating-system user, or --as NAME (a test and development override).
    QString user() const;
    const Clock &clock() const { return *m_clock; }
    QTextStream &out() { return m_out; }
    Result<std::unique_ptr<Engine>> openEngine();
    void printJson(const QJsonObject &o);
    int fail(const Error &e); // prints the one line on stderr and returns the exit code
    static int exitCode(ErrorCode c);

    using Handler = std::function<int(Cli &, const QStringList &)>;
    struct Command
    {
        QString name;
        QString synopsis;
        Handler handler;
    };
    static const std::vector<Command> &registry();

private:
    QTextStream &m_out;
    QTextStream &m_err;
    bool m_json = false;
    QString m_dbPath;
    QString m_as;
    std::unique_ptr<Clock> m_clock;
};

// Each group of commands lists itself here (explicitly: static registration does not survive
// linking from a static library).
void addAccountCommands(std::vector<Cli::Command> &commands);
void addEngineCommands(std::vector<Cli::Command> &commands);
void addBillCommands(std::vector<Cli::Command> &commands);
void addAnalysisCommands(std::vector<Cli::Command> &commands);
void addExportCommands(std::vector<Cli::Command> &commands);
void addBudgetCommands(std::vector<Cli::Command> &commands);
void addMemberCommands(std::vector<Cli::Command> &commands);

} // namespace billing::cli
