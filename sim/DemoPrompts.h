#pragma once
// The demo's prompt set, written by `tierlens-sim --write-demo-prompts FILE`: enough distinct prompts from the
// simulator's task families, each with a check the simulator's answers can pass or fail, for a shadow run to end in
// a decided routing policy. The same file every time (no randomness), in Tierlens' JSONL prompt format.

#include <QByteArray>

namespace tierlens {

struct DemoPromptCounts
{
    int easy = 500; // chat openers: Flash and Pro both nearly always right
    int toolUse = 500; // weather tool calls: where Pro's edge is largest
    int reasoning = 150; // arithmetic word problems: a smaller edge, left undecided at this size
    int extraction = 150; // e-mail addresses out of a sentence
};

QByteArray demoPromptSet(const DemoPromptCounts& counts = {});

} // namespace tierlens
