# Writes the MovieLens ratings that the R package dslabs ships (GroupLens "latest-small", 100,004 ratings) as
# GroupLens CSV files, ratings.csv and movies.csv, into the directory given as the only argument.
# Called once by ./workbook setup; the data's licence belongs to GroupLens (see README.md).
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: Rscript export_movielens.R OUTPUT_DIRECTORY")
out <- args[[1]]
suppressPackageStartupMessages(library(dslabs))
data("movielens", package = "dslabs", envir = environment())
dir.create(out, recursive = TRUE, showWarnings = FALSE)

quote_csv <- function(x) ifelse(grepl('[,"]', x), paste0('"', gsub('"', '""', x, fixed = TRUE), '"'), x)

ratings <- movielens[order(movielens$userId, movielens$movieId), ]
ratings_lines <- paste(ratings$userId, ratings$movieId, format(ratings$rating, nsmall = 1, trim = TRUE),
                       format(ratings$timestamp, scientific = FALSE, trim = TRUE), sep = ",")
tmp <- file.path(out, "ratings.csv.tmp")
writeLines(c("userId,movieId,rating,timestamp", ratings_lines), tmp, useBytes = TRUE)

movies <- unique(movielens[, c("movieId", "title", "year", "genres")])
movies <- movies[order(movies$movieId), ]
titles <- ifelse(is.na(movies$year), movies$title, paste0(movies$title, " (", movies$year, ")"))
movies_lines <- paste(movies$movieId, quote_csv(enc2utf8(titles)), as.character(movies$genres), sep = ",")
tmp_movies <- file.path(out, "movies.csv.tmp")
con <- file(tmp_movies, open = "w", encoding = "UTF-8")
writeLines(c("movieId,title,genres", movies_lines), con)
close(con)

invisible(file.rename(tmp_movies, file.path(out, "movies.csv")))
invisible(file.rename(tmp, file.path(out, "ratings.csv")))
cat(sprintf("wrote %d ratings of %d movies by %d users to %s\n", nrow(ratings), nrow(movies),
            length(unique(ratings$userId)), out))
