// A face per point of the emotion scale (−3 … +3): the mouth bends with the value, the colour
// goes from red to green. Decorative: the word next to it carries the meaning.
const FILLS = ['#f4b6b0', '#f7c9a8', '#fae0a6', '#eceae4', '#d8ecb4', '#bfe3b4', '#a6dcb0']

export function Face({ value, size = 36 }: { value: number; size?: number }) {
  const i = Math.max(0, Math.min(6, value + 3))
  const bend = value * 2.2 // mouth curve: negative frowns, positive smiles
  const y = value < 0 ? 24 : 22
  return (
    <svg width={size} height={size} viewBox="0 0 36 36" aria-hidden="true" focusable="false" className="face">
      <circle cx="18" cy="18" r="16" fill={FILLS[i]} stroke="#3b3f44" strokeWidth="1.6" />
      {value <= -3 ? (
        <>
          <path d="M9.5 12.5l4 2M26.5 12.5l-4 2" stroke="#3b3f44" strokeWidth="1.6" strokeLinecap="round" />
          <circle cx="12.5" cy="16" r="1.7" fill="#3b3f44" />
          <circle cx="23.5" cy="16" r="1.7" fill="#3b3f44" />
        </>
      ) : (
        <>
          <circle cx="12.5" cy="14.5" r="1.8" fill="#3b3f44" />
          <circle cx="23.5" cy="14.5" r="1.8" fill="#3b3f44" />
        </>
      )}
      {value === 0 ? (
        <path d="M12 23h12" stroke="#3b3f44" strokeWidth="1.8" strokeLinecap="round" />
      ) : (
        <path
          d={`M11 ${y} Q18 ${y + bend} 25 ${y}`}
          fill="none"
          stroke="#3b3f44"
          strokeWidth="1.8"
          strokeLinecap="round"
        />
      )}
    </svg>
  )
}
