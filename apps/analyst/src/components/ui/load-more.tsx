import { useI18n } from '../../lib/i18n'

type Pages = { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> }

/** "Load more" for a keyset-paged list (a react-query infinite query); nothing once the last page is in. */
export function LoadMore({ pages }: { pages: Pages }) {
  const { t } = useI18n()
  if (!pages.hasNextPage) return null
  return (
    <div>
      <button
        type="button"
        className="btn btn--secondary"
        onClick={() => void pages.fetchNextPage()}
        disabled={pages.isFetchingNextPage}
      >
        {pages.isFetchingNextPage ? t.common.loadingMore : t.common.loadMore}
      </button>
    </div>
  )
}
