import type { Dashboard } from '@klantreis/shared/dashboard'
import { EmotionCurve } from './emotion-curve'
import { IpaChart } from './ipa-chart'
import { JointDisplay } from './joint-display'
import { MomentsTable } from './moments-table'
import { NpsChart } from './nps-chart'
import { type OpenQuotes, PainGainChart } from './pain-gain-chart'
import { ScoresChart } from './scores-chart'

export function DashboardCharts({
  data,
  studyId,
  onOpenQuotes,
}: {
  data: Dashboard
  studyId: string
  onOpenQuotes: OpenQuotes
}) {
  return (
    <div className="dashboard__grid">
      {/* the two per-touchpoint lists side by side; the curve and the matrix need the full width for fifteen or so touchpoints */}
      <PainGainChart touchpoints={data.touchpoints} onOpenQuotes={onOpenQuotes} />
      <ScoresChart touchpoints={data.touchpoints} basicLevel={data.basicLevel} />
      <EmotionCurve data={data} />
      <NpsChart nps={data.nps} />
      <IpaChart data={data} />
      <MomentsTable data={data} />
      <JointDisplay data={data} studyId={studyId} onOpenQuotes={onOpenQuotes} />
    </div>
  )
}
