#pragma once
// Builds the JSON body of one chat-completions request from a model's run options and a prompt.

#include "RequestOptions.h"
#include "promptsets/Prompt.h"

#include <QByteArray>
#include <QStringList>

namespace tierlens {

class ChatRequestBuilder
{
public:
    // Compact JSON. Order of precedence: the fields derived from opts, then opts.extra, then the prompt's
    // own options key by key (a prompt knows best what it needs). A null value in extra or in the prompt's
    // options removes the field. "model", "messages", "stream" and "stream_options" come from the run only:
    // extra and prompt options cannot change them, so every attempt of a run is measured the same way.
    static QByteArray build(const QString& modelId, const RequestOptions& opts, const Prompt& prompt);

    // The wire fields a prompt's options may set; the importer validates against this list.
    static QStringList knownPromptOptionKeys();
};

} // namespace tierlens
