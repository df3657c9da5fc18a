#pragma once

// Runs billingctl as a separate process, as scripts do, and captures what it says.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "testdatabase.h"

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

class CliRunner
{
public:
    // The account is a file in a temporary folder, or a fresh PostgreSQL schema in a "_pg" test.
    CliRunner() : m_database(QStringLiteral("cli.sqlite")), m_db(m_database.location()) {}
    const QString &db() const { return m_db; }
    QString dir() const { return m_database.dirPath(); }
    bool onPostgres() const { return m_database.isPostgres(); }
    const billing::test::TestDatabase &database() const { return m_database; }

    // Runs `billingctl --db DB --now NOW ARGS...` (now may be empty for the system clock).
    CliResult run(const QString &now, const QStringList &args, const QByteArray &stdinData = {}) const
    {
        QStringList all{QStringLiteral("--db"), m_db};
        if (!now.isEmpty())
            all << QStringLiteral("--now") << now;
        return raw(all + args, stdinData, m_lcAll);
    }
    // Runs later commands with LC_ALL set to `lcAll` (the language of the human messages).
    void setLocale(const QString &lcAll) { m_lcAll = lcAll; }
    static CliResult raw(const QStringList &args, const QByteArray &stdinData = {}, const QString &lcAll = {})
    {
        QProcess p;
        if (!lcAll.isEmpty()) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("LC_ALL"), lcAll);
            p.setProcessEnvironment(env);
        }
        p.start(QString::fromLocal8Bit(qgetenv("BILLINGCTL")), args);
        p.write(stdinData);
        p.closeWriteChannel();
        if (!p.waitForFinished(120000))
            qFatal("billingctl did not finish");
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }
    // What the account stores, to prove that a refused command changed nothing.
    QByteArray dbBytes() const
    {
        if (m_database.isPostgres())
            return m_database.postgresContent();
        QByteArray all;
        for (const char *suffix : {"", "-wal"}) {
            QFile f(m_db + QLatin1String(suffix));
            if (f.open(QIODevice::ReadOnly))
                all += f.readAll();
        }
        return all;
    }

private:
    billing::test::TestDatabase m_database;
    QString m_db;
    QString m_lcAll;
};
