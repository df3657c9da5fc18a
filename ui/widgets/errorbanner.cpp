#include "widgets/errorbanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace billing::ui {

ErrorBanner::ErrorBanner(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)), m_details(new QLabel(this)),
      m_detailsButton(new QPushButton(tr("Details"), this)),
      m_retryButton(new QPushButton(tr("Try again"), this))
{
    setObjectName(QStringLiteral("errorBanner"));
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::ToolTipBase);
    setForegroundRole(QPalette::ToolTipText);
    setAutoFillBackground(true);

    m_icon->setAlignment(Qt::AlignTop);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->hide();
    m_detailsButton->setCheckable(true);

    auto *texts = new QVBoxLayout;
    texts->addWidget(m_text);
    texts->addWidget(m_details);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_icon);
    layout->addLayout(texts, 1);
    layout->addWidget(m_detailsButton, 0, Qt::AlignTop);
    layout->addWidget(m_retryButton, 0, Qt::AlignTop);

    connect(m_detailsButton, &QPushButton::toggled, m_details, &QLabel::setVisible);
    connect(m_retryButton, &QPushButton::clicked, this, &ErrorBanner::retryRequested);
    hide();
}

void ErrorBanner::showError(const QString &what, const Error &error)
{
    //: an error banner: what failed, then the reason in the engine's words
    m_text->setText(tr("%1 %2").arg(what, error.message));
    QString kind;
    switch (error.code) {
    case ErrorCode::Refused:
        kind = tr("A business rule refused the request; nothing was changed.");
        break;
    case ErrorCode::BadUsage:
        kind = tr("The request was not valid; nothing was changed.");
        break;
    case ErrorCode::BadData:
        kind = tr("The database or a file holds data that cannot be read; nothing was changed. Run "
                  "\"billingctl verify\" to see every problem.");
        break;
    case ErrorCode::Internal:
        kind = tr("An unexpected failure (a bug or an I/O error); nothing was changed.");
        break;
    }
    m_details->setText(kind);
    // The icon is read the first time the banner shows: most never do, and every page has one (P4).
    if (m_icon->pixmap().isNull()) {
        const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
        m_icon->setPixmap(
            style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize, iconSize));
    }
    show();
}

void ErrorBanner::clear()
{
    m_text->clear();
    m_details->clear();
    m_detailsButton->setChecked(false);
    hide();
}

QString ErrorBanner::message() const
{
    return m_text->text();
}

} // namespace billing::ui
