#pragma once

#include <QWidget>

class QLabel;

namespace billing::ui {

// What a page shows instead of an empty table: what would be here, and the step that fills it.
class EmptyState : public QWidget
{
    Q_OBJECT

public:
    EmptyState(const QString &title, const QString &hint, QWidget *parent);
    void setHint(const QString &hint);
    QString text() const;

private:
    QLabel *m_title;
    QLabel *m_hint;
};

} // namespace billing::ui
