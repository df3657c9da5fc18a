#pragma once

#include "core/result.h"
#include "widgets/page.h"

#include "widgets/backgroundtask.h"

#include <QStringList>

#include <functional>

class QComboBox;
class QDateEdit;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace billing {
class Engine;
struct AuditFilter;
} // namespace billing

namespace billing::ui {

class AuditTableModel;
class ErrorBanner;

// The audit log: who did what, when, on what, before and after; filtered by action, actor and time,
// loaded page by page as one scrolls, each entry's JSON on demand, the hash chain's state from the
// verifier, and the filtered log exported as CSV.
class AuditPage : public Page
{
    Q_OBJECT

public:
    AuditPage(Engine &engine, QWidget *parent);

    void refresh() override;
    bool isBusy() const override;
    AuditTableModel *model() const { return m_model; }

    void setActionFilter(const QString &action);
    void setActorFilter(const QString &actor);
    // Writes every entry the filter matches (not only those loaded) to path, off the GUI thread.
    void exportCsv(const QString &path);
    // Where "Export CSV…" writes; a file dialog unless a test sets another provider.
    void setPathProvider(std::function<QString()> provider) { m_pathProvider = std::move(provider); }
    QString chainText() const;
    QString detailsText() const;

signals:
    void exportFinished(bool ok, const QString &message);

private:
    AuditFilter filter() const;
    void reload();
    void verifyChain();
    void showDetails();
    void fillCombo(QComboBox *combo, const QStringList &values);

    Engine &m_engine;
    AuditTableModel *m_model;
    ErrorBanner *m_banner;
    QComboBox *m_action;
    QComboBox *m_actor;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLabel *m_count;
    QLabel *m_chain;
    QPushButton *m_export;
    QTableView *m_table;
    QPlainTextEdit *m_details;
    int m_utcOffset = 0;
    std::function<QString()> m_pathProvider;
    BackgroundTask<Result<QStringList>> m_chainCheck;
    BackgroundTask<Status> m_exportTask;
};

} // namespace billing::ui
