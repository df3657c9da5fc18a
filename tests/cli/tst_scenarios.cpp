// Runs every scenario under tests/data/scenarios/<name>/script.txt through billingctl, as a person
// would from a shell, and checks the JSON it prints. Script lines:
//   at TIME                 the clock for the commands that follow
//   run ARGS...             run `billingctl --json ARGS`, expect exit 0
//   fail CODE ARGS...       run it, expect that exit code and an unchanged database
//   expect PATH = JSON      check the last command's JSON: PATH like totals.charged, lines[0].calls, lines#
//   verify                  `billingctl verify` must pass
#include "clirunner.h"

#include <QDir>
#include <QJsonArray>
#include <QRegularExpression>

namespace {

QJsonValue lookup(QJsonValue v, const QString &path, bool &ok)
{
    ok = true;
    static const QRegularExpression token(QStringLiteral("([^.\\[#]+)|\\[(\\d+)\\]|(#)"));
    auto it = token.globalMatch(path);
    while (it.hasNext()) {
        const auto m = it.next();
        if (!m.captured(1).isEmpty()) {
            if (!v.isObject() || !v.toObject().contains(m.captured(1))) {
                ok = false;
                return {};
            }
            v = v.toObject().value(m.captured(1));
        } else if (!m.captured(2).isEmpty()) {
            const int i = m.captured(2).toInt();
            if (!v.isArray() || i >= v.toArray().size()) {
                ok = false;
                return {};
            }
            v = v.toArray().at(i);
        } else {
            if (!v.isArray()) {
                ok = false;
                return {};
            }
            v = QJsonValue(v.toArray().size());
        }
    }
    return v;
}

QStringList splitArgs(const QString &line)
{
    QStringList out;
    static const QRegularExpression re(QStringLiteral("\"([^\"]*)\"|(\\S+)"));
    auto it = re.globalMatch(line);
    while (it.hasNext()) {
        const auto m = it.next();
        out << (m.captured(1).isNull() ? m.captured(2) : m.captured(1));
    }
    return out;
}

} // namespace

class TestScenarios : public QObject
{
    Q_OBJECT
private slots:
    void scenario_data()
    {
        QTest::addColumn<QString>("dir");
        QDir root(QString::fromLocal8Bit(qgetenv("BILLING_TEST_DATA")) + QStringLiteral("/scenarios"));
        const auto dirs = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY2(!dirs.isEmpty(), "no scenarios found");
        for (const QString &d : dirs)
            QTest::newRow(qPrintable(d)) << root.filePath(d);
    }

    void scenario()
    {
        QFETCH(QString, dir);
        QFile script(dir + QStringLiteral("/script.txt"));
        QVERIFY(script.open(QIODevice::ReadOnly | QIODevice::Text));
        CliRunner cli;
        QString now;
        QJsonObject last;
        int lineNo = 0;
        while (!script.atEnd()) {
            const QString line = QString::fromUtf8(script.readLine()).trimmed();
            ++lineNo;
            const QString where =
                QStringLiteral("%1/script.txt:%2: %3").arg(QDir(dir).dirName()).arg(lineNo).arg(line);
            if (line.isEmpty() || line.startsWith(u'#'))
                continue;
            const QString verb = line.section(u' ', 0, 0);
            const QString rest = line.section(u' ', 1);
            if (verb == QLatin1String("at")) {
                now = rest.trimmed();
            } else if (verb == QLatin1String("run") || verb == QLatin1String("fail")) {
                QStringList args = splitArgs(rest);
                int code = 0;
                if (verb == QLatin1String("fail"))
                    code = args.takeFirst().toInt();
                for (QString &a : args)
                    if (QFile::exists(dir + u'/' + a))
                        a = dir + u'/' + a;
                const QByteArray before = code ? cli.dbBytes() : QByteArray();
                const CliResult r = cli.run(now, QStringList{QStringLiteral("--json")} + args);
                QVERIFY2(r.exitCode == code,
                         qPrintable(QStringLiteral("%1\n  exit %2, expected %3; stderr: %4")
                                        .arg(where)
                                        .arg(r.exitCode)
                                        .arg(code)
                                        .arg(r.err)));
                if (code) {
                    QVERIFY2(
                        cli.dbBytes() == before,
                        qPrintable(where + QStringLiteral("\n  a refused command changed the database")));
                    last = QJsonObject{{QStringLiteral("error"), r.err.trimmed()}};
                } else {
                    last = r.json();
                }
            } else if (verb == QLatin1String("expect")) {
                const QString path = rest.section(u'=', 0, 0).trimmed();
                const QString want = rest.section(u'=', 1).trimmed();
                bool ok = false;
                const QJsonValue got = lookup(last, path, ok);
                QVERIFY2(
                    ok,
                    qPrintable(QStringLiteral("%1\n  no %2 in %3")
                                   .arg(where, path,
                                        QString::fromUtf8(QJsonDocument(last).toJson(QJsonDocument::Compact))
                                            .left(2000))));
                const QJsonValue expected = QJsonDocument::fromJson("[" + want.toUtf8() + "]").array().at(0);
                QVERIFY2(got == expected,
                         qPrintable(QStringLiteral("%1\n  got %2")
                                        .arg(where, QString::fromUtf8(QJsonDocument(QJsonArray{got})
                                                                          .toJson(QJsonDocument::Compact)))));
            } else if (verb == QLatin1String("contains")) {
                const QString path = rest.section(u' ', 0, 0);
                const QString text = rest.section(u' ', 1);
                bool ok = false;
                const QJsonValue got = lookup(last, path, ok);
                QVERIFY2(ok && got.toString().contains(text),
                         qPrintable(where + QStringLiteral("\n  got ") + got.toString()));
            } else if (verb == QLatin1String("verify")) {
                const CliResult r = cli.run(now, {QStringLiteral("verify")});
                QVERIFY2(r.exitCode == 0, qPrintable(where + u'\n' + r.out + r.err));
            } else {
                QFAIL(qPrintable(where + QStringLiteral("\n  unknown verb")));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestScenarios)
#include "tst_scenarios.moc"
