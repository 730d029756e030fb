#pragma once
// A stratified sample of a prompt set: up to N prompts of each category, drawn the same way every time for a seed,
// in the set's order. What `tierlens-cli promptset-from-run` writes so that offline runs can repeat a run's prompts
// (a live run's captured traffic, for one) in the proportions a person chooses.

#include "promptsets/Prompt.h"

#include <QSet>

namespace tierlens {

class PromptSample
{
public:
    struct Drawn
    {
        QString category;
        int drawn = 0;
        int of = 0; // the category's prompts that could be drawn
    };

    // From the prompts whose database ids are in eligible (all of them when it is empty): up to perCategory of each
    // category, chosen by a hash of the seed and the prompt's id (not by its place, so a set that grows keeps the
    // prompts it drew unless newer ones hash lower). drawn (optional) says, per category in the set's order, how
    // many were drawn of how many.
    static PromptSet stratified(const PromptSet& set, const QSet<qint64>& eligible, int perCategory, quint64 seed,
                                QVector<Drawn>* drawn = nullptr);
};

} // namespace tierlens
