#pragma once

#include "core/result.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace billing::ui {

// An inline banner that shows an error in the engine's own words, with details on demand and a retry
// button. Hidden while there is no error.
class ErrorBanner : public QFrame
{
    Q_OBJECT

public:
    explicit ErrorBanner(QWidget *parent);

    // `what` says what failed ("Could not load the transactions."); the error's sentence follows in the
    // engine's own words, its class is in the details.
    void showError(const QString &what, const Error &error);
    void clear();
    QString message() const;

signals:
    void retryRequested();

private:
    QLabel *m_icon;
    QLabel *m_text;
    QLabel *m_details;
    QPushButton *m_detailsButton;
    QPushButton *m_retryButton;
};

} // namespace billing::ui
